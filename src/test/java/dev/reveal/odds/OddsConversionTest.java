package dev.reveal.odds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class OddsConversionTest {

    @Property
    void everyLadderStepRoundTripsExactly(@ForAll("ladder") int[] step) {
        Odds fromFraction = OddsConversion.fromFractional(step[0], step[1]);
        Odds back = OddsConversion.fromDecimal(fromFraction.decimal());
        assertThat(back.num()).isEqualTo(step[0]);
        assertThat(back.den()).isEqualTo(step[1]);
        assertThat(back.decimal()).isEqualTo(fromFraction.decimal());
    }

    @Property
    void fractionsAreReducedAndDecimalIsOnePlusTheFraction(@ForAll @IntRange(min = 1, max = 500) int num,
                                                           @ForAll @IntRange(min = 1, max = 500) int den) {
        Assume.that(num * 100 >= den); // below 1.01 is refused, see invalidPricesAreRefused
        Odds odds = OddsConversion.fromFractional(num, den);
        assertThat(gcd(odds.num(), odds.den())).isEqualTo(1);
        assertThat((long) odds.num() * den).isEqualTo((long) num * odds.den());
        BigDecimal exact = BigDecimal.ONE.add(new BigDecimal(num).divide(new BigDecimal(den), 10, RoundingMode.HALF_UP));
        assertThat(odds.decimal().subtract(exact).abs()).isLessThanOrEqualTo(new BigDecimal("0.00005"));
        assertThat(odds.decimal().scale()).isEqualTo(4);
    }

    @Property
    void anyDecimalGetsAClosePriceInLowestTerms(@ForAll("decimals") BigDecimal decimal) {
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

    @Property
    void aFractionRoundTripsThroughItsDecimal(@ForAll @IntRange(min = 1, max = 100) int num,
                                              @ForAll @IntRange(min = 1, max = 100) int den) {
        Assume.that(num * 100 >= den);
        Odds odds = OddsConversion.fromFractional(num, den);
        Odds back = OddsConversion.fromDecimal(odds.decimal());
        // the ladder or the best approximation may pick another fraction, but never a different price
        assertThat(OddsConversion.fromFractional(back.num(), back.den()).decimal().subtract(odds.decimal()).abs())
                .isLessThanOrEqualTo(new BigDecimal("0.005"));
    }

    @Property
    void disagreeingFormsAreRefused(@ForAll("ladder") int[] step) {
        Odds odds = OddsConversion.fromFractional(step[0], step[1]);
        BigDecimal off = odds.decimal().add(new BigDecimal("0.05"));
        assertThatThrownBy(() -> OddsConversion.of(off, odds.fractional())).isInstanceOf(InvalidOddsException.class);
    }

    @Example
    void conventionalValues() {
        assertThat(OddsConversion.fromDecimal(new BigDecimal("1.8")).fractional()).isEqualTo("4/5");
        assertThat(OddsConversion.fromDecimal(new BigDecimal("1.3636")).fractional()).isEqualTo("4/11");
        assertThat(OddsConversion.fromDecimal(new BigDecimal("2.5")).fractional()).isEqualTo("3/2");
        assertThat(OddsConversion.fromDecimal(new BigDecimal("1.37")).fractional()).isEqualTo("37/100");
        assertThat(OddsConversion.fromFractional("6/4").fractional()).isEqualTo("3/2");
        assertThat(OddsConversion.fromFractional("4/11").decimal()).isEqualByComparingTo("1.3636");
        assertThat(OddsConversion.of(new BigDecimal("1.36"), "4/11").fractional()).isEqualTo("4/11");
    }

    @Example
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

    @Provide
    Arbitrary<int[]> ladder() {
        return Arbitraries.of(OddsConversion.LADDER);
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        return Arbitraries.bigDecimals().between(new BigDecimal("1.01"), new BigDecimal("1000")).ofScale(4);
    }

    private static int gcd(int a, int b) {
        return BigInteger.valueOf(a).gcd(BigInteger.valueOf(b)).intValue();
    }
}
