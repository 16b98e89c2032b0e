package dev.reveal.reports;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Experiment variants of the sessions started in {@code [from, to)}, each rate compared with the control variant. */
record ExperimentReport(Instant from, Instant to, String controlVariant, boolean controlPresent,
                        List<Variant> variants) {

    record Variant(
            String variant,
            long users,
            long sessions,
            long endedSessions,
            @Schema(description = "mean length of the ended sessions, in seconds; absent when none ended")
            Double meanSessionSeconds,
            long predictions,
            double predictionsPerSession,
            @Schema(description = "accepted bet intents out of all bet intents")
            Rate acceptance,
            @Schema(description = "WON out of WON + LOST accepted intents (pending and void ones excluded)")
            Rate accuracy,
            long analyticsEvents,
            double analyticsEventsPerSession,
            Map<String, Double> analyticsEventsPerSessionByType) {
    }

    record Rate(long successes, long trials,
                @Schema(description = "successes / trials; absent when there were no trials") Double rate,
                @Schema(description = "95% Wilson score interval of the rate, lower bound; absent when there were no trials")
                Double ciLow,
                @Schema(description = "95% Wilson score interval of the rate, upper bound; absent when there were no trials")
                Double ciHigh,
                @Schema(description = "this variant minus control; absent for control itself or when either side has no trials")
                Comparison vsControl) {
    }
}
