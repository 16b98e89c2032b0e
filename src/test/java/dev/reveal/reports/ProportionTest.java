package dev.reveal.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProportionTest {

    @Test
    void theNormalQuantileComesFromTheLibrary() {
        assertThat(Proportion.Z_975).isCloseTo(1.959963984540054, within(1e-12));
    }

    /** Wilson score intervals without continuity correction, Newcombe (1998), Statistics in Medicine 17, Table I. */
    @ParameterizedTest
    @CsvSource({"81, 263, 0.2553, 0.3662", "15, 148, 0.0624, 0.1605", "0, 20, 0.0, 0.1611", "1, 29, 0.0061, 0.1718"})
    void wilsonIntervalsMatchThePublishedValues(long successes, long trials, double low, double high) {
        Proportion.Interval interval = new Proportion(successes, trials).wilson();
        assertThat(interval.low()).isCloseTo(low, within(5e-5));
        assertThat(interval.high()).isCloseTo(high, within(5e-5));
    }

    @Test
    void smallCountsAtTheEdgesKeepAWideIntervalInsideZeroToOne() {
        // 0 of 5: upper bound z²/(n + z²) = 3.841459/8.841459 = 0.434482; a Wald interval would be [0, 0]
        Proportion.Interval none = new Proportion(0, 5).wilson();
        assertThat(none.low()).isEqualTo(0.0);
        assertThat(none.high()).isCloseTo(0.434482, within(1e-6));
        // 5 of 5: lower bound n/(n + z²) = 5/8.841459 = 0.565518
        Proportion.Interval all = new Proportion(5, 5).wilson();
        assertThat(all.low()).isCloseTo(0.565518, within(1e-6));
        assertThat(all.high()).isEqualTo(1.0);
    }

    @Test
    void noIntervalWithoutTrials() {
        assertThat(new Proportion(0, 0).wilson()).isNull();
        assertThat(new Proportion(0, 0).rate()).isNull();
    }
}
