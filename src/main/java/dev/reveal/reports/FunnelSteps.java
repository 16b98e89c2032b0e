package dev.reveal.reports;

import dev.reveal.platform.Refusal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code steps} parameter of a funnel: 2..10 distinct event names, comma-separated, in funnel order. */
final class FunnelSteps {

    static final int MIN_STEPS = 2;
    static final int MAX_STEPS = 10;
    private static final Pattern EVENT_NAME = Pattern.compile("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");

    private FunnelSteps() {
    }

    static List<String> parse(String steps) {
        if (steps == null || steps.isBlank()) {
            throw invalid("is required: " + MIN_STEPS + " to " + MAX_STEPS + " comma-separated event names");
        }
        List<String> names = Arrays.stream(steps.split(",", -1)).map(String::strip).toList();
        if (names.size() < MIN_STEPS || names.size() > MAX_STEPS) {
            throw invalid("must name " + MIN_STEPS + " to " + MAX_STEPS + " event types, got " + names.size());
        }
        for (String name : names) {
            if (name.length() > 64 || !EVENT_NAME.matcher(name).matches()) {
                throw invalid("'" + name + "' is not an event name (lowercase snake_case, at most 64 characters)");
            }
        }
        // A repeated step would match the very event that satisfied its earlier occurrence.
        if (new HashSet<>(names).size() != names.size()) {
            throw invalid("must not repeat an event name");
        }
        return names;
    }

    private static Refusal invalid(String message) {
        return TimeRange.invalidParameters(List.of(new Refusal.FieldError("steps", message)));
    }
}
