package dev.reveal.analytics;

import dev.reveal.platform.Refusal.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What ingestion accepts (pure): the limits that refuse a whole batch, and the checks that refuse one item.
 * Every accepted item fits the table constraints, so a batch insert never fails halfway.
 */
final class IngestionRules {

    static final int MAX_EVENTS = 500;
    static final int MAX_ATTRIBUTES = 50;
    static final int MAX_KEY_LENGTH = 64;
    static final int MAX_VALUE_LENGTH = 1024;
    static final Duration MAX_CLOCK_DISTANCE = Duration.ofHours(24);
    private static final Pattern EVENT_NAME = Pattern.compile("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");
    private static final int MAX_LISTED_VIOLATIONS = 20;

    private IngestionRules() {
    }

    /** What became of one item. */
    sealed interface Checked permits Accepted, Refusal {
    }

    /** An item that passed every check, with its attribute values as the text to store. */
    record Accepted(int index, UUID typeId, Instant occurredAt, Map<String, String> attributes) implements Checked {
    }

    record Decision(List<Accepted> accepted, List<Refusal> refused) {
    }

    /** The batch-wide limits broken (empty when none): a batch over them is refused whole. */
    static List<FieldError> limitViolations(List<IngestEvents.Item> events) {
        List<FieldError> errors = new ArrayList<>();
        if (events.size() > MAX_EVENTS) {
            errors.add(new FieldError("events", "at most " + MAX_EVENTS + " events per batch, got " + events.size()));
        }
        for (int i = 0; i < events.size() && errors.size() < MAX_LISTED_VIOLATIONS; i++) {
            IngestEvents.Item item = events.get(i);
            if (item != null && item.attributes() != null && item.attributes().size() > MAX_ATTRIBUTES) {
                errors.add(new FieldError("events[" + i + "].attributes",
                        "at most " + MAX_ATTRIBUTES + " attributes per event, got " + item.attributes().size()));
            }
        }
        return errors;
    }

    /** Names worth looking up: anything else cannot be a registered type and is refused as unknown. */
    static boolean couldBeEventName(String name) {
        return name != null && name.length() <= 64 && EVENT_NAME.matcher(name).matches();
    }

    /**
     * @param typeIds registered event name → type id (names absent are unknown)
     */
    static Decision decide(List<IngestEvents.Item> events, Map<String, UUID> typeIds, Instant now, Instant sessionStart) {
        List<Accepted> accepted = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Checked checked = check(i, events.get(i), typeIds, now, sessionStart);
            if (checked instanceof Refusal r) {
                refused.add(r);
            } else {
                accepted.add((Accepted) checked);
            }
        }
        return new Decision(accepted, refused);
    }

    private static Checked check(int index, IngestEvents.Item item, Map<String, UUID> typeIds, Instant now,
                                Instant sessionStart) {
        if (item == null) {
            return new Refusal(index, Refusal.Code.MISSING_EVENT, "the item is null");
        }
        if (item.eventName() == null || item.eventName().isBlank()) {
            return new Refusal(index, Refusal.Code.MISSING_EVENT_NAME, "eventName is required");
        }
        UUID typeId = typeIds.get(item.eventName());
        if (typeId == null) {
            return new Refusal(index, Refusal.Code.UNKNOWN_EVENT_TYPE,
                    "eventName '" + abbreviate(item.eventName()) + "' is not a registered event type");
        }
        if (item.occurredAt() == null || item.occurredAt().isBlank()) {
            return new Refusal(index, Refusal.Code.MISSING_OCCURRED_AT, "occurredAt is required");
        }
        Instant occurredAt = parseInstant(item.occurredAt());
        if (occurredAt == null) {
            return new Refusal(index, Refusal.Code.INVALID_OCCURRED_AT,
                    "occurredAt must be an ISO-8601 instant such as 2026-01-01T12:00:00Z");
        }
        if (Duration.between(occurredAt, now).abs().compareTo(MAX_CLOCK_DISTANCE) > 0) {
            return new Refusal(index, Refusal.Code.OCCURRED_AT_OUT_OF_RANGE,
                    "occurredAt " + occurredAt + " is more than 24 hours from the server time " + now);
        }
        if (occurredAt.isBefore(sessionStart)) {
            return new Refusal(index, Refusal.Code.OCCURRED_BEFORE_SESSION,
                    "occurredAt " + occurredAt + " is before the session started at " + sessionStart);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if (item.attributes() != null) {
            for (Map.Entry<String, Object> a : item.attributes().entrySet()) {
                String key = a.getKey();
                if (key == null || key.isBlank() || codePoints(key) > MAX_KEY_LENGTH || key.indexOf('\0') >= 0) {
                    return new Refusal(index, Refusal.Code.INVALID_ATTRIBUTE_KEY, "attribute key '" + abbreviate(key)
                            + "' must be 1 to " + MAX_KEY_LENGTH + " characters, not blank, without NUL");
                }
                String value = text(a.getValue());
                if (value == null) {
                    return new Refusal(index, Refusal.Code.INVALID_ATTRIBUTE_VALUE,
                            "attribute '" + key + "' must be a string, number or boolean");
                }
                if (codePoints(value) > MAX_VALUE_LENGTH || value.indexOf('\0') >= 0) {
                    return new Refusal(index, Refusal.Code.INVALID_ATTRIBUTE_VALUE,
                            "attribute '" + key + "' must be at most " + MAX_VALUE_LENGTH + " characters, without NUL");
                }
                attributes.put(key, value);
            }
        }
        return new Accepted(index, typeId, occurredAt, attributes);
    }

    /** Scalars are stored as their text; null, objects and arrays have no single text and are refused. */
    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    // PostgreSQL's length() counts characters, not UTF-16 units: an emoji is one character there.
    private static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
