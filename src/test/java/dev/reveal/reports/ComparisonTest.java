package dev.reveal.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComparisonTest {

    @Test
    void fortyOfHundredAgainstFiftyFiveOfHundred() {
        // p0 = 0.40, p1 = 0.55, difference 0.15
        // Wilson 55/100 = [0.452446, 0.643855], 40/100 = [0.309401, 0.497997]
        // Newcombe: 0.15 − √((0.55 − 0.452446)² + (0.497997 − 0.40)²) = 0.011724,
        //           0.15 + √((0.643855 − 0.55)² + (0.40 − 0.309401)²) = 0.280449
        // pooled p = 95/200 = 0.475, SE = sqrt(0.475·0.525·(1/100 + 1/100)) = sqrt(0.0049875) = 0.070622
        // z = 0.15 / 0.070622 = 2.123977, two-sided p = erfc(2.123977/√2) = 0.033672
        Comparison c = Comparison.of(new Proportion(55, 100), new Proportion(40, 100));
        assertThat(c.difference()).isCloseTo(0.15, within(1e-12));
        assertThat(c.ciLow()).isCloseTo(0.011724, within(1e-6));
        assertThat(c.ciHigh()).isCloseTo(0.280449, within(1e-6));
        assertThat(c.z()).isCloseTo(2.123977, within(1e-6));
        assertThat(c.pValue()).isCloseTo(0.033672, within(1e-6));
    }

    @Test
    void aVariantWorseThanControlHasTheMirroredIntervalAndTheSamePValue() {
        Comparison c = Comparison.of(new Proportion(40, 100), new Proportion(55, 100));
        assertThat(c.difference()).isCloseTo(-0.15, within(1e-12));
        assertThat(c.ciLow()).isCloseTo(-0.280449, within(1e-6));
        assertThat(c.ciHigh()).isCloseTo(-0.011724, within(1e-6));
        assertThat(c.z()).isCloseTo(-2.123977, within(1e-6));
        assertThat(c.pValue()).isCloseTo(0.033672, within(1e-6));
    }

    /** Newcombe (1998), Statistics in Medicine 17, Table II, method 10 (score interval, no continuity correction). */
    @ParameterizedTest
    @CsvSource({"56, 70, 48, 80, 0.0524, 0.3339", "9, 10, 3, 10, 0.1705, 0.8090", "6, 7, 2, 7, 0.0582, 0.8062",
            "5, 56, 0, 29, -0.0381, 0.1926", "0, 10, 0, 20, -0.1611, 0.2775"})
    void differenceIntervalsMatchThePublishedValues(long s1, long n1, long s0, long n0, double low, double high) {
        Comparison c = Comparison.of(new Proportion(s1, n1), new Proportion(s0, n0));
        assertThat(c.ciLow()).isCloseTo(low, within(5e-5));
        assertThat(c.ciHigh()).isCloseTo(high, within(5e-5));
    }

    @Test
    void identicalExtremesHaveNoEvidenceOfADifferenceButAnHonestInterval() {
        // the Wald interval of 0/10 against 0/20 was [0, 0]; the score interval keeps the uncertainty of small samples
        Comparison c = Comparison.of(new Proportion(0, 10), new Proportion(0, 20));
        assertThat(c.difference()).isZero();
        assertThat(c.ciLow()).isCloseTo(-0.161125, within(1e-6));
        assertThat(c.ciHigh()).isCloseTo(0.277533, within(1e-6));
        assertThat(c.z()).isNull();
        assertThat(c.pValue()).isEqualTo(1.0);
    }

    @Test
    void aTailPValueKeepsItsRelativePrecision() {
        // 900/1000 against 100/1000: z = 0.8/√(0.5·0.5·0.002) = 35.777088, p = erfc(35.777/√2) ≈ 2.5e-280
        Comparison c = Comparison.of(new Proportion(900, 1000), new Proportion(100, 1000));
        assertThat(c.z()).isCloseTo(35.777088, within(1e-6));
        assertThat(c.pValue()).isPositive().isLessThan(1e-270);
    }

    @Test
    void nothingToCompareWithoutTrials() {
        assertThat(Comparison.of(new Proportion(0, 0), new Proportion(4, 10))).isNull();
        assertThat(Comparison.of(new Proportion(4, 10), new Proportion(0, 0))).isNull();
    }
}
