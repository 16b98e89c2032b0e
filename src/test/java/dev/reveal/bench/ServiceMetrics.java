package dev.reveal.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The service's own counters from {@code /actuator/prometheus}, summed over labels, so a side can say what the
 * service did inside: group-commit batch sizes and times, request latency, GC pauses.
 */
record ServiceMetrics(Map<String, Double> values) {

    static ServiceMetrics read(RawHttp http, String operatorToken) {
        Map<String, Double> values = new HashMap<>();
        try {
            RawHttp.Response r = http.send("GET", "/actuator/prometheus", operatorToken, null, null, null);
            for (String line : r.body().split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int space = line.lastIndexOf(' ');
                int brace = line.indexOf('{');
                String name = line.substring(0, brace > 0 && brace < space ? brace : space);
                values.merge(name, Double.parseDouble(line.substring(space + 1)), Double::sum);
            }
        } catch (Exception | Error e) {
            values.clear();
        }
        return new ServiceMetrics(values);
    }

    private double delta(ServiceMetrics before, String name) {
        return values.getOrDefault(name, 0.0) - before.values.getOrDefault(name, 0.0);
    }

    String since(ServiceMetrics before) {
        if (values.isEmpty() || before.values.isEmpty()) {
            return "no service metrics";
        }
        double batches = delta(before, "reveal_bet_intents_batch_size_count");
        double requests = delta(before, "reveal_bet_intents_latency_seconds_count");
        return String.format(Locale.ROOT, "service: %.0f intents in %.0f group-commit batches (mean %.1f per batch, "
                + "%.1f ms per batch), mean decision latency %.1f ms, GC pauses %.2f s", delta(before,
                        "reveal_bet_intents_batch_size_sum"), batches,
                delta(before, "reveal_bet_intents_batch_size_sum") / Math.max(1, batches),
                1000 * delta(before, "reveal_bet_intents_batch_time_seconds_sum") / Math.max(1, batches),
                1000 * delta(before, "reveal_bet_intents_latency_seconds_sum") / Math.max(1, requests),
                delta(before, "jvm_gc_pause_seconds_sum"));
    }
}
