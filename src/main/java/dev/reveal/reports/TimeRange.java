package dev.reveal.reports;

import dev.reveal.platform.FieldErrors;
import dev.reveal.platform.Instants;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A half-open report range {@code [from, to)} from the request's {@code from} and {@code to} parameters. */
record TimeRange(Instant from, Instant to) {

    static TimeRange parse(String from, String to) {
        FieldErrors errors = new FieldErrors();
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        if (errors.isEmpty() && !start.isBefore(end)) {
            errors.add("to", "must be after from");
        }
        errors.throwIfAny(FieldErrors::malformedParameters);
        return new TimeRange(start, end);
    }

    /** The bounds as SQL parameters (the driver binds OffsetDateTime as timestamptz). */
    OffsetDateTime fromUtc() {
        return from.atOffset(ZoneOffset.UTC);
    }

    OffsetDateTime toUtc() {
        return to.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(String name, String value, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            errors.add(name, "is required (an ISO-8601 instant such as 2026-01-01T00:00:00Z)");
            return null;
        }
        try {
            return Instants.parse(value, name);
        } catch (DateTimeParseException e) {
            errors.add(name, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
            return null;
        }
    }
}
