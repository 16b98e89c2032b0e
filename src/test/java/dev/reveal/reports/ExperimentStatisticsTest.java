package dev.reveal.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentStatisticsTest {

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-02-01T00:00:00Z");

    private static VariantFigures figures(String variant, long sessions, long predictions, long accepted, long won,
                                          long settled, long events) {
        return new VariantFigures(variant, sessions, sessions, 0, null, predictions, accepted, won, settled, events);
    }

    @Test
    void everyVariantButControlIsComparedWithControl() {
        ExperimentReport report = ExperimentStatistics.report(FROM, TO, "control",
                List.of(figures("b", 4, 100, 55, 26, 40, 8), figures("control", 5, 100, 40, 12, 30, 15)),
                Map.of("control", Map.of("clip_played", 10L)));

        assertThat(report.controlPresent()).isTrue();
        ExperimentReport.Variant b = report.variants().get(0);
        ExperimentReport.Variant control = report.variants().get(1);
        assertThat(control.acceptance().vsControl()).isNull();
        assertThat(control.analyticsEventsPerSessionByType()).containsEntry("clip_played", 2.0);
        assertThat(b.analyticsEventsPerSessionByType()).isEmpty();
        assertThat(b.predictionsPerSession()).isEqualTo(25.0);
        assertThat(b.analyticsEventsPerSession()).isEqualTo(2.0);
        assertThat(b.acceptance().vsControl().difference()).isCloseTo(0.15, within(1e-12));
        assertThat(b.accuracy().vsControl().difference()).isCloseTo(0.25, within(1e-12));
        // every rate carries its own Wilson interval (55/100: [0.452446, 0.643855])
        assertThat(b.acceptance().ciLow()).isCloseTo(0.452446, within(1e-6));
        assertThat(b.acceptance().ciHigh()).isCloseTo(0.643855, within(1e-6));
        assertThat(control.acceptance().ciLow()).isCloseTo(0.309401, within(1e-6));
    }

    @Test
    void withoutControlInTheRangeNothingIsCompared() {
        ExperimentReport report = ExperimentStatistics.report(FROM, TO, "control",
                List.of(figures("a", 2, 10, 5, 1, 2, 0), figures("b", 2, 10, 6, 1, 3, 0)), Map.of());
        assertThat(report.controlPresent()).isFalse();
        assertThat(report.variants()).allSatisfy(v -> {
            assertThat(v.acceptance().vsControl()).isNull();
            assertThat(v.accuracy().vsControl()).isNull();
        });
    }
}
