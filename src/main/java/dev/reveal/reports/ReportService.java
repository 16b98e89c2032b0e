package dev.reveal.reports;

import dev.reveal.platform.Refusal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Read-only reports over a time range; the SQL aggregates, this class only shapes the small results. */
@Service
class ReportService {

    private final Cohorts cohorts;
    private final EventCounts eventCounts;
    private final String controlVariant;

    ReportService(Cohorts cohorts, EventCounts eventCounts,
                  @Value("${reveal.experiments.control:control}") String controlVariant) {
        this.cohorts = cohorts;
        this.eventCounts = eventCounts;
        this.controlVariant = controlVariant;
    }

    // Its two queries must see one snapshot, or events per type could disagree with the per-variant totals.
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ExperimentReport experiments(TimeRange range) {
        return ExperimentStatistics.report(range.from(), range.to(), controlVariant, cohorts.figures(range),
                cohorts.eventsByType(range));
    }

    @Transactional(readOnly = true)
    public AnalyticsReport analytics(TimeRange range) {
        Map<String, Long> totals = new TreeMap<>();
        Map<LocalDate, Map<String, Long>> byDay = new LinkedHashMap<>();
        for (EventCounts.DailyCount c : eventCounts.perTypeAndDay(range)) {
            totals.merge(c.eventName(), c.events(), Long::sum);
            byDay.computeIfAbsent(c.day(), d -> new LinkedHashMap<>()).put(c.eventName(), c.events());
        }
        List<AnalyticsReport.Day> days = new ArrayList<>();
        byDay.forEach((day, counts) -> days.add(new AnalyticsReport.Day(day,
                counts.values().stream().mapToLong(Long::longValue).sum(), counts)));
        return new AnalyticsReport(range.from(), range.to(), totals, days);
    }

    @Transactional(readOnly = true)
    public FunnelReport funnel(TimeRange range, List<String> steps) {
        Set<String> registered = eventCounts.registered(steps);
        List<String> unknown = steps.stream().filter(s -> !registered.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new Refusal(Refusal.Kind.RULE_BROKEN, "UNKNOWN_EVENT_TYPE",
                    "not registered event types: " + String.join(", ", unknown), Map.of("unknownEventNames", unknown));
        }
        Map<Integer, Long> reached = eventCounts.funnel(range, steps);
        List<FunnelReport.Step> result = new ArrayList<>();
        long first = reached.getOrDefault(1, 0L);
        long previous = 0;
        for (int i = 0; i < steps.size(); i++) {
            long sessions = reached.getOrDefault(i + 1, 0L);
            result.add(new FunnelReport.Step(i + 1, steps.get(i), sessions,
                    i == 0 || previous == 0 ? null : (double) sessions / previous,
                    first == 0 ? null : (double) sessions / first));
            previous = sessions;
        }
        return new FunnelReport(range.from(), range.to(), result);
    }
}
