package dev.reveal.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Analytics events that occurred in {@code [from, to)}, counted per UTC day and event type. */
record AnalyticsReport(Instant from, Instant to, Map<String, Long> totals, List<Day> days) {

    record Day(LocalDate day, long total, Map<String, Long> counts) {
    }
}
