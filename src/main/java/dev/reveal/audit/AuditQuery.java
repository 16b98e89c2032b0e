package dev.reveal.audit;

import dev.reveal.platform.Actor;
import dev.reveal.platform.Cursor;
import dev.reveal.platform.Instants;
import dev.reveal.platform.Refusal;
import dev.reveal.platform.Refusal.FieldError;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A search of the audit trail: every filter is optional and they combine with AND; {@code from} is inclusive,
 * {@code to} exclusive. Built from raw request parameters so that each bad one is named in a 400 problem.
 */
record AuditQuery(String targetType, UUID targetId, Actor.Type actorType, String actorId, String action,
                  String traceId, Instant from, Instant to, int limit, Cursor after) {

    private static final Pattern UPPER_SNAKE = Pattern.compile("^[A-Z][A-Z0-9_]{0,63}$");

    static AuditQuery parse(String targetType, String targetId, String actorType, String actorId, String action,
                            String traceId, String from, String to, Integer limit, String cursor) {
        List<FieldError> errors = new ArrayList<>();
        String type = upperSnake("targetType", targetType, errors);
        UUID target = uuid("targetId", targetId, errors);
        Actor.Type actor = actorType(actorType, errors);
        String actorIdValue = blankToNull(actorId);
        if (actorIdValue != null && actorIdValue.length() > 255) {
            errors.add(new FieldError("actorId", "must be at most 255 characters"));
        }
        String actionName = upperSnake("action", action, errors);
        String trace = blankToNull(traceId);
        if (trace != null && !trace.matches("^[0-9a-f]{32}$")) {
            errors.add(new FieldError("traceId", "must be 32 lowercase hex characters"));
        }
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add(new FieldError("to", "must be after from"));
        }
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " parameters are invalid";
            throw new Refusal(Refusal.Kind.MALFORMED, "INVALID_PARAMETER", detail, errors, Map.of());
        }
        return new AuditQuery(type, target, actor, actorIdValue, actionName, trace, start, end, Cursor.limit(limit),
                Cursor.decode(cursor));
    }

    private static String upperSnake(String name, String value, List<FieldError> errors) {
        String v = blankToNull(value);
        if (v != null && !UPPER_SNAKE.matcher(v).matches()) {
            errors.add(new FieldError(name, "must be UPPER_SNAKE_CASE, at most 64 characters"));
        }
        return v;
    }

    private static UUID uuid(String name, String value, List<FieldError> errors) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            UUID id = UUID.fromString(v);
            // UUID.fromString accepts short forms such as "1-2-3-4-5"; only the canonical form is an id here.
            if (id.toString().equalsIgnoreCase(v)) {
                return id;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        errors.add(new FieldError(name, "must be a UUID"));
        return null;
    }

    private static Actor.Type actorType(String value, List<FieldError> errors) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        for (Actor.Type type : Actor.Type.values()) {
            if (type.name().equals(v)) {
                return type;
            }
        }
        errors.add(new FieldError("actorType", "must be one of OPERATOR, SYSTEM, PLAYER"));
        return null;
    }

    private static Instant instant(String name, String value, List<FieldError> errors) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            return Instants.parse(v, name);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z"));
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
