package dev.reveal.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal that becomes an RFC 9457 problem response: an HTTP status, a stable machine {@code code},
 * a human detail and optional extra members (such as the offending fields or the current status).
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> properties;

    public ProblemException(HttpStatus status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public ProblemException(HttpStatus status, String code, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, code, detail);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "NOT_FOUND", what + " " + id + " does not exist");
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, code, detail);
    }

    /** A lifecycle transition that is not allowed from the current status. */
    public static ProblemException invalidTransition(String what, Object id, String currentStatus, String action) {
        return new ProblemException(HttpStatus.CONFLICT, "INVALID_STATUS_TRANSITION",
                "cannot " + action + " " + what + " " + id + " while it is " + currentStatus,
                Map.of("currentStatus", currentStatus));
    }

    public static ProblemException unprocessable(String code, String detail) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, code, detail);
    }

    /** Input that is well-formed but breaks rules: every offending field is listed. */
    public static ProblemException invalidFields(List<FieldError> errors) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("errors", List.copyOf(errors));
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "VALIDATION_FAILED", detail, props);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** One offending input field, named by its JSON path (for example {@code markets[0].outcomes}). */
    public record FieldError(String field, String message) {
    }
}
