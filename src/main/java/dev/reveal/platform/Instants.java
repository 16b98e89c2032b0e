package dev.reveal.platform;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The one way the service reads an instant from a client: ISO-8601 with {@code Z} or an offset, and only within what
 * PostgreSQL's {@code timestamptz} stores (4713 BC to 294276 AD). {@code java.time} reads years up to ±999,999,999,
 * so an instant can parse and still fail at the database; this refuses it where it is parsed, as 400
 * {@code INVALID_TIMESTAMP}.
 */
public final class Instants {

    public static final Instant MIN = Instant.parse("-4713-11-24T00:00:00Z");
    public static final Instant MAX = Instant.parse("+294276-12-31T23:59:59.999999Z");
    public static final String INVALID_TIMESTAMP = "INVALID_TIMESTAMP";

    private Instants() {
    }

    /** The instant in {@code text}; {@link DateTimeParseException} when it is none, a 400 problem when out of range. */
    public static Instant parse(String text, String field) {
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException notUtc) {
            instant = OffsetDateTime.parse(text).toInstant();
        }
        return storable(instant, field);
    }

    /** {@code instant} itself, or a 400 problem naming {@code field} when the database cannot store it. */
    public static Instant storable(Instant instant, String field) {
        if (instant != null && (instant.isBefore(MIN) || instant.isAfter(MAX))) {
            throw outOfRange(field);
        }
        return instant;
    }

    public static Refusal outOfRange(String field) {
        return new Refusal(Refusal.Kind.MALFORMED, INVALID_TIMESTAMP,
                field + ": outside the range that can be stored (4713 BC to 294276 AD)",
                List.of(new Refusal.FieldError(field, "outside the range that can be stored")), Map.of());
    }
}
