package dev.reveal.odds;

import java.math.BigDecimal;

/** One price in both forms: decimal (scale 4, as stored) and fractional in lowest terms; {@code decimal ≈ 1 + num/den}. */
public record Odds(BigDecimal decimal, int num, int den) {

    public String fractional() {
        return num + "/" + den;
    }
}
