package dev.reveal.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A domain refusal: what kind of refusal it is, a stable machine {@code code}, the offending fields (if any), a
 * message for people, and optional extra facts (such as the current status). Domain code speaks only in refusals;
 * the web layer alone decides which HTTP status each {@link Kind} becomes ({@code platform.web.RefusalStatuses}).
 */
public final class Refusal extends RuntimeException {

    /** What went wrong, in the domain's words. */
    public enum Kind {
        /** The input cannot be read or a value is out of its range. */
        MALFORMED,
        /** The thing referred to does not exist (or is not visible to the caller). */
        NOT_FOUND,
        /** The request contradicts the current state (a status, an existing record). */
        CONFLICT,
        /** The input is well-formed but breaks a rule of the domain. */
        RULE_BROKEN,
        /** The input is larger than a limit. */
        TOO_LARGE,
        /** A dependency cannot answer now; the same request may succeed later. */
        UNAVAILABLE
    }

    /** One offending input field, named by its JSON path (for example {@code markets[0].outcomes}). */
    public record FieldError(String field, String message) {
    }

    private final Kind kind;
    private final String code;
    private final List<FieldError> errors;
    private final Map<String, Object> details;

    public Refusal(Kind kind, String code, String message) {
        this(kind, code, message, List.of(), Map.of());
    }

    public Refusal(Kind kind, String code, String message, Map<String, Object> details) {
        this(kind, code, message, List.of(), details);
    }

    public Refusal(Kind kind, String code, String message, List<FieldError> errors, Map<String, Object> details) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.details = Map.copyOf(details);
    }

    public static Refusal malformed(String code, String message) {
        return new Refusal(Kind.MALFORMED, code, message);
    }

    /** One input value that cannot be used; {@code problem} says what is wrong with it. */
    public static Refusal malformedField(String code, String field, String problem) {
        return malformedField(code, field, problem, field + ": " + problem);
    }

    public static Refusal malformedField(String code, String field, String problem, String message) {
        return new Refusal(Kind.MALFORMED, code, message, List.of(new FieldError(field, problem)), Map.of());
    }

    public static Refusal notFound(String what, Object id) {
        return new Refusal(Kind.NOT_FOUND, "NOT_FOUND", what + " " + id + " does not exist");
    }

    public static Refusal conflict(String code, String message) {
        return new Refusal(Kind.CONFLICT, code, message);
    }

    /** A lifecycle transition that is not allowed from the current status. */
    public static Refusal invalidTransition(String what, Object id, String currentStatus, String action) {
        return new Refusal(Kind.CONFLICT, "INVALID_STATUS_TRANSITION",
                "cannot " + action + " " + what + " " + id + " while it is " + currentStatus,
                Map.of("currentStatus", currentStatus));
    }

    public static Refusal ruleBroken(String code, String message) {
        return new Refusal(Kind.RULE_BROKEN, code, message);
    }

    /** Input that is well-formed but breaks rules: every offending field is listed. */
    public static Refusal invalidFields(List<FieldError> errors) {
        return new Refusal(Kind.RULE_BROKEN, "VALIDATION_FAILED", summary(errors), errors, Map.of());
    }

    /** "field: message" for one error, "N fields are invalid" for several. */
    public static String summary(List<FieldError> errors) {
        return errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
    }

    public static Refusal tooLarge(String code, String message) {
        return new Refusal(Kind.TOO_LARGE, code, message);
    }

    public static Refusal unavailable(String code, String message) {
        return new Refusal(Kind.UNAVAILABLE, code, message);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** The offending field when there is exactly one, otherwise null. */
    public String field() {
        return errors.size() == 1 ? errors.get(0).field() : null;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** The extra members of the problem body: the field errors (if any), then the details. */
    public Map<String, Object> members() {
        Map<String, Object> members = new LinkedHashMap<>();
        if (!errors.isEmpty()) {
            members.put("errors", errors);
        }
        members.putAll(details);
        return members;
    }
}
