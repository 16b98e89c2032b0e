package dev.reveal.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.reveal.support.Gen;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class NormalTest {

    // Reference values: CPython's math.erf / math.erfc (C library, correctly rounded to ~1 ulp).
    @Test
    void erfMatchesReferenceValues() {
        assertThat(Normal.erf(0.0)).isEqualTo(0.0);
        assertThat(Normal.erf(0.1)).isCloseTo(0.1124629160182849, within(1e-15));
        assertThat(Normal.erf(0.5)).isCloseTo(0.5204998778130465, within(1e-15));
        assertThat(Normal.erf(1.0)).isCloseTo(0.8427007929497149, within(1e-15));
        assertThat(Normal.erf(1.5)).isCloseTo(0.9661051464753108, within(1e-15));
        assertThat(Normal.erf(2.0)).isCloseTo(0.9953222650189527, within(1e-15));
        assertThat(Normal.erf(2.5)).isCloseTo(0.999593047982555, within(1e-15));
        assertThat(Normal.erf(3.0)).isCloseTo(0.9999779095030014, within(1e-15));
        assertThat(Normal.erf(-1.0)).isCloseTo(-0.8427007929497149, within(1e-15));
        assertThat(Normal.erf(6.0)).isEqualTo(1.0);
    }

    @Test
    void erfcKeepsRelativePrecisionInTheTail() {
        assertThat(Normal.erfc(0.5)).isCloseTo(0.4795001221869535, within(1e-15));
        assertThat(Normal.erfc(1.0)).isCloseTo(0.15729920705028513, within(1e-15));
        assertThat(Normal.erfc(2.0)).isCloseTo(0.004677734981047265, within(1e-15));
        assertThat(Normal.erfc(2.5)).isCloseTo(0.0004069520174449589, Percentage.withPercentage(1e-11));
        assertThat(Normal.erfc(3.0)).isCloseTo(2.2090496998585438e-05, Percentage.withPercentage(1e-11));
        assertThat(Normal.erfc(4.0)).isCloseTo(1.541725790028002e-08, Percentage.withPercentage(1e-11));
        assertThat(Normal.erfc(5.0)).isCloseTo(1.5374597944280351e-12, Percentage.withPercentage(1e-11));
        assertThat(Normal.erfc(6.0)).isCloseTo(2.1519736712498916e-17, Percentage.withPercentage(1e-11));
        assertThat(Normal.erfc(10.0)).isCloseTo(2.088487583762545e-45, Percentage.withPercentage(1e-11));
        assertThat(Normal.erfc(-1.0)).isCloseTo(1.8427007929497148, within(1e-15));
        assertThat(Normal.erfc(40.0)).isZero();
    }

    @Test
    void normalCdfAndTwoSidedPValues() {
        assertThat(Normal.cdf(0.0)).isEqualTo(0.5);
        assertThat(Normal.cdf(1.96)).isCloseTo(0.9750021048517795, within(1e-15));
        assertThat(Normal.cdf(-1.96)).isCloseTo(0.024997895148220435, within(1e-15));
        assertThat(Normal.twoSidedP(1.96)).isCloseTo(0.04999579029644087, within(1e-15));
        assertThat(Normal.twoSidedP(-1.96)).isCloseTo(0.04999579029644087, within(1e-15));
        assertThat(Normal.twoSidedP(1.96)).isCloseTo(0.0500, within(0.00005));
        assertThat(Normal.twoSidedP(2.5758293035489004)).isCloseTo(0.01, within(1e-14));
        assertThat(Normal.twoSidedP(0.0)).isEqualTo(1.0);
        assertThat(Normal.cdf(Normal.Z_975)).isCloseTo(0.975, within(1e-15));
    }

    @Test
    void erfIsOddAndComplementsErfc() {
        Gen.forAll(1000, g -> {
            double x = g.between(-8.0, 8.0);
            assertThat(Normal.erf(-x)).isEqualTo(-Normal.erf(x));
            assertThat(Normal.erf(x) + Normal.erfc(x)).isCloseTo(1.0, within(1e-15));
        });
    }

    @Test
    void erfIsMonotonic() {
        Gen.forAll(1000, g -> {
            double x = g.between(-6.0, 6.0);
            assertThat(Normal.erf(x + 1e-3)).isGreaterThanOrEqualTo(Normal.erf(x));
            assertThat(Normal.erfc(x + 1e-3)).isLessThanOrEqualTo(Normal.erfc(x));
        });
    }

    @Test
    void bothMethodsAgreeWhereTheyMeet() {
        // The series serves below 2.5 and the continued fraction above: no step at the seam.
        assertThat(Normal.erfc(2.5 - 1e-12)).isCloseTo(Normal.erfc(2.5), Percentage.withPercentage(1e-9));
    }
}
