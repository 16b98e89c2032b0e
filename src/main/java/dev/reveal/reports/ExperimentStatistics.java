package dev.reveal.reports;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the per-variant aggregates into rates, per-session figures and comparisons with control (pure). */
final class ExperimentStatistics {

    private ExperimentStatistics() {
    }

    /**
     * @param eventsByType variant → event name → number of analytics events in that variant's sessions
     */
    static ExperimentReport report(Instant from, Instant to, String control, List<VariantFigures> figures,
                                   Map<String, Map<String, Long>> eventsByType) {
        VariantFigures controlFigures = figures.stream().filter(f -> f.variant().equals(control)).findFirst().orElse(null);
        List<ExperimentReport.Variant> variants = figures.stream()
                .map(f -> variant(f, f == controlFigures ? null : controlFigures, eventsByType.getOrDefault(f.variant(), Map.of())))
                .toList();
        return new ExperimentReport(from, to, control, controlFigures != null, variants);
    }

    private static ExperimentReport.Variant variant(VariantFigures f, VariantFigures control, Map<String, Long> byType) {
        Proportion acceptance = new Proportion(f.accepted(), f.predictions());
        Proportion accuracy = new Proportion(f.won(), f.settled());
        Map<String, Double> perSessionByType = new LinkedHashMap<>();
        byType.forEach((name, n) -> perSessionByType.put(name, perSession(n, f.sessions())));
        return new ExperimentReport.Variant(f.variant(), f.users(), f.sessions(), f.endedSessions(), f.meanSessionSeconds(),
                f.predictions(), perSession(f.predictions(), f.sessions()),
                rate(acceptance, control == null ? null : new Proportion(control.accepted(), control.predictions())),
                rate(accuracy, control == null ? null : new Proportion(control.won(), control.settled())),
                f.analyticsEvents(), perSession(f.analyticsEvents(), f.sessions()), perSessionByType);
    }

    private static ExperimentReport.Rate rate(Proportion variant, Proportion control) {
        Proportion.Interval interval = variant.wilson();
        return new ExperimentReport.Rate(variant.successes(), variant.trials(), variant.rate(),
                interval == null ? null : interval.low(), interval == null ? null : interval.high(),
                control == null ? null : Comparison.of(variant, control));
    }

    private static double perSession(long count, long sessions) {
        return sessions == 0 ? 0.0 : (double) count / sessions;
    }
}
