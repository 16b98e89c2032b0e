package dev.reveal.settlement.results;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Correct over settled, to four decimal places; undefined (null) while nothing is settled. */
final class Accuracy {

    private Accuracy() {
    }

    static BigDecimal of(long correct, long settled) {
        if (settled == 0) {
            return null;
        }
        return BigDecimal.valueOf(correct).divide(BigDecimal.valueOf(settled), 4, RoundingMode.HALF_UP);
    }
}
