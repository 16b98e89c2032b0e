package dev.reveal.reports;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** How many sessions reached each step of an ordered list of event types, with events in {@code [from, to)}. */
record FunnelReport(Instant from, Instant to, List<Step> steps) {

    record Step(int step, String eventName, long sessions,
                @Schema(description = "sessions at this step / sessions at the previous step; absent for step 1 or when the previous step had none")
                Double conversionFromPrevious,
                @Schema(description = "sessions at this step / sessions at step 1; absent when step 1 had none")
                Double conversionFromFirst) {
    }
}
