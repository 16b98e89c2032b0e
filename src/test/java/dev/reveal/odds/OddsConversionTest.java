package dev.reveal.odds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reveal.support.Gen;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OddsConversionTest {

    static Stream<int[]> ladder() {
        return OddsConversion.LADDER.stream();
    }

    @ParameterizedTest
    @MethodSource("ladder")
    void everyLadderStepRoundTripsExactly(int[] step) {
        Odds fromFraction = OddsConversion.fromFractional(step[0], step[1]);
        Odds back = OddsConversion.fromDecimal(fromFraction.decimal());
        assertThat(back.num()).isEqualTo(step[0]);
        assertThat(back.den()).isEqualTo(step[1]);
        assertThat(back.decimal()).isEqualTo(fromFraction.decimal());
    }

    @Test
    void fractionsAreReducedAndDecimalIsOnePlusTheFraction() {
        Gen.forAll(1000, g -> {
            int den = g.between(1, 500);
            // below 1.01 is refused, see invalidPricesAreRefused
            reducedAndOnePlus(g.between((den + 99) / 100, 500), den);
        });
    }

    private static void reducedAndOnePlus(int num, int den) {
        Odds odds = OddsConversion.fromFractional(num, den);
        assertThat(gcd(odds.num(), odds.den())).isEqualTo(1);
        assertThat((long) odds.num() * den).isEqualTo((long) num * odds.den());
        BigDecimal exact = BigDecimal.ONE.add(new BigDecimal(num).divide(new BigDecimal(den), 10, RoundingMode.HALF_UP));
        assertThat(odds.decimal().subtract(exact).abs()).isLessThanOrEqualTo(new BigDecimal("0.00005"));
        assertThat(odds.decimal().scale()).isEqualTo(4);
    }

    @Test
    void anyDecimalGetsAClosePriceInLowestTerms() {
        Gen.forAll(1000, g -> closePriceInLowestTerms(g.decimal(new BigDecimal("1.01"), new BigDecimal("1000"), 4)));
    }

    private static void closePriceInLowestTerms(BigDecimal decimal) {
        Odds odds = OddsConversion.fromDecimal(decimal);
        assertThat(odds.decimal()).isEqualByComparingTo(decimal);
        assertThat(odds.num()).isPositive();
        assertThat(odds.den()).isBetween(1, OddsConversion.MAX_DENOMINATOR);
        assertThat(gcd(odds.num(), odds.den())).isEqualTo(1);
        BigDecimal implied = BigDecimal.ONE.add(new BigDecimal(odds.num()).divide(new BigDecimal(odds.den()), 10, RoundingMode.HALF_UP));
        assertThat(implied.subtract(decimal).abs()).isLessThanOrEqualTo(new BigDecimal("0.005"));
        // and the derived pair is accepted when given back together
        assertThat(OddsConversion.of(decimal, odds.fractional())).isEqualTo(odds);
    }

    /** Every fraction up to 100/100 that is a valid price (at least 1.01). */
    @Test
    void aFractionRoundTripsThroughItsDecimal() {
        for (int num = 1; num <= 100; num++) {
            for (int den = 1; den <= 100; den++) {
                if (num * 100 >= den) {
                    roundTrips(num, den);
                }
            }
        }
    }

    private static void roundTrips(int num, int den) {
        Odds odds = OddsConversion.fromFractional(num, den);
        Odds back = OddsConversion.fromDecimal(odds.decimal());
        // the ladder or the best approximation may pick another fraction, but never a different price
        assertThat(OddsConversion.fromFractional(back.num(), back.den()).decimal().subtract(odds.decimal()).abs())
                .as("%d/%d", num, den).isLessThanOrEqualTo(new BigDecimal("0.005"));
    }

    @ParameterizedTest
    @MethodSource("ladder")
    void disagreeingFormsAreRefused(int[] step) {
        Odds odds = OddsConversion.fromFractional(step[0], step[1]);
        BigDecimal off = odds.decimal().add(new BigDecimal("0.05"));
        assertThatThrownBy(() -> OddsConversion.of(off, odds.fractional())).isInstanceOf(InvalidOddsException.class);
    }

    @Test
    void conventionalValues() {
        assertThat(OddsConversion.fromDecimal(new BigDecimal("1.8")).fractional()).isEqualTo("4/5");
        assertThat(OddsConversion.fromDecimal(new BigDecimal("1.3636")).fractional()).isEqualTo("4/11");
        assertThat(OddsConversion.fromDecimal(new BigDecimal("2.5")).fractional()).isEqualTo("3/2");
        assertThat(OddsConversion.fromDecimal(new BigDecimal("1.37")).fractional()).isEqualTo("37/100");
        assertThat(OddsConversion.fromFractional("6/4").fractional()).isEqualTo("3/2");
        assertThat(OddsConversion.fromFractional("4/11").decimal()).isEqualByComparingTo("1.3636");
        assertThat(OddsConversion.of(new BigDecimal("1.36"), "4/11").fractional()).isEqualTo("4/11");
    }

    @Test
    void invalidPricesAreRefused() {
        for (String bad : new String[] {"1.00", "0.5", "1.00001", "5000"}) {
            assertThatThrownBy(() -> OddsConversion.fromDecimal(new BigDecimal(bad))).as(bad).isInstanceOf(InvalidOddsException.class);
        }
        for (String bad : new String[] {"0/5", "5/0", "abc", "1/1/1", "-1/2"}) {
            assertThatThrownBy(() -> OddsConversion.fromFractional(bad)).as(bad).isInstanceOf(InvalidOddsException.class);
        }
        assertThatThrownBy(() -> OddsConversion.of(null, null)).isInstanceOf(InvalidOddsException.class);
        assertThatThrownBy(() -> OddsConversion.fromFractional(1, 101)).isInstanceOf(InvalidOddsException.class);
    }

    private static int gcd(int a, int b) {
        return BigInteger.valueOf(a).gcd(BigInteger.valueOf(b)).intValue();
    }
}
