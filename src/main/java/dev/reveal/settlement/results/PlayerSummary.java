package dev.reveal.settlement.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * A player's record. {@code predictions} counts accepted predictions; {@code settled} those that WON or LOST
 * (VOID and PENDING are left out of accuracy and streaks); {@code accuracy} is correct / settled rounded to four
 * places, null while nothing is settled. Streaks count consecutive correct predictions in settlement order.
 */
record PlayerSummary(long predictions, long pending, long voided, long settled, long correct,
                     @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal accuracy,
                     long currentStreak, long bestStreak) {
}
