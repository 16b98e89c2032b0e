package dev.reveal.reports;

import dev.reveal.platform.Instants;
import dev.reveal.platform.Refusal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A half-open report range {@code [from, to)} from the request's {@code from} and {@code to} parameters. */
record TimeRange(Instant from, Instant to) {

    static TimeRange parse(String from, String to) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        if (errors.isEmpty() && !start.isBefore(end)) {
            errors.add(new Refusal.FieldError("to", "must be after from"));
        }
        if (!errors.isEmpty()) {
            throw invalidParameters(errors);
        }
        return new TimeRange(start, end);
    }

    /** The bounds as SQL parameters (the driver binds OffsetDateTime as timestamptz). */
    OffsetDateTime fromUtc() {
        return from.atOffset(ZoneOffset.UTC);
    }

    OffsetDateTime toUtc() {
        return to.atOffset(ZoneOffset.UTC);
    }

    static Refusal invalidParameters(List<Refusal.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " parameters are invalid";
        return new Refusal(Refusal.Kind.MALFORMED, "INVALID_PARAMETER", detail, errors, Map.of());
    }

    private static Instant instant(String name, String value, List<Refusal.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new Refusal.FieldError(name, "is required (an ISO-8601 instant such as 2026-01-01T00:00:00Z)"));
            return null;
        }
        try {
            return Instants.parse(value, name);
        } catch (DateTimeParseException e) {
            errors.add(new Refusal.FieldError(name, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z"));
            return null;
        }
    }
}
