package dev.reveal.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void fortyOfHundredAgainstFiftyFiveOfHundred() {
        // p0 = 0.40, p1 = 0.55, difference 0.15
        // unpooled SE = sqrt(0.40·0.60/100 + 0.55·0.45/100) = sqrt(0.002400 + 0.002475) = sqrt(0.004875) = 0.069821
        // 95% CI = 0.15 ± 1.959964·0.069821 = 0.15 ± 0.136847 → [0.013153, 0.286847]
        // pooled p = 95/200 = 0.475, SE = sqrt(0.475·0.525·(1/100 + 1/100)) = sqrt(0.0049875) = 0.070622
        // z = 0.15 / 0.070622 = 2.123977, two-sided p = erfc(2.123977/√2) = 0.033672
        Comparison c = Comparison.of(new Proportion(55, 100), new Proportion(40, 100));
        assertThat(c.difference()).isCloseTo(0.15, within(1e-12));
        assertThat(c.ciLow()).isCloseTo(0.013153, within(1e-6));
        assertThat(c.ciHigh()).isCloseTo(0.286847, within(1e-6));
        assertThat(c.z()).isCloseTo(2.123977, within(1e-6));
        assertThat(c.pValue()).isCloseTo(0.033672, within(1e-6));
    }

    @Test
    void aVariantWorseThanControlHasANegativeDifferenceAndTheSamePValue() {
        Comparison c = Comparison.of(new Proportion(40, 100), new Proportion(55, 100));
        assertThat(c.difference()).isCloseTo(-0.15, within(1e-12));
        assertThat(c.ciLow()).isCloseTo(-0.286847, within(1e-6));
        assertThat(c.z()).isCloseTo(-2.123977, within(1e-6));
        assertThat(c.pValue()).isCloseTo(0.033672, within(1e-6));
    }

    @Test
    void identicalExtremesHaveNoEvidenceOfADifference() {
        Comparison c = Comparison.of(new Proportion(0, 10), new Proportion(0, 20));
        assertThat(c.difference()).isZero();
        assertThat(c.ciLow()).isZero();
        assertThat(c.ciHigh()).isZero();
        assertThat(c.z()).isNull();
        assertThat(c.pValue()).isEqualTo(1.0);
    }

    @Test
    void nothingToCompareWithoutTrials() {
        assertThat(Comparison.of(new Proportion(0, 0), new Proportion(4, 10))).isNull();
        assertThat(Comparison.of(new Proportion(4, 10), new Proportion(0, 0))).isNull();
        assertThat(new Proportion(0, 0).rate()).isNull();
    }
}
