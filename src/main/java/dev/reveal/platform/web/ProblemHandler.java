package dev.reveal.platform.web;

import dev.reveal.platform.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception that reaches MVC into an RFC 9457 problem with a stable {@code code} and the
 * {@code traceId}. Unexpected faults are logged with their stack trace and answered without one.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(Refusal.class)
    ResponseEntity<Object> handleRefusal(Refusal refusal) {
        HttpStatus status = RefusalStatuses.of(refusal);
        return respond(status, ProblemResponses.problem(status, refusal.code(), refusal.getMessage(), refusal.members()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException ex) {
        Refusal cause = causeOfType(ex, Refusal.class);
        if (cause != null) {
            // a value that parsed but cannot be used (an instant beyond what the database stores): its own code
            HttpStatus status = RefusalStatuses.of(cause);
            return respond(status, ProblemResponses.problem(status, cause.code(),
                    "parameter '" + ex.getName() + "' " + cause.getMessage().replaceFirst("^[^:]*: ", ""),
                    Map.of("errors", List.of(new Refusal.FieldError(ex.getName(), "outside the range that can be stored")))));
        }
        String detail = "parameter '" + ex.getName() + "' has an invalid value";
        return respond(HttpStatus.BAD_REQUEST, ProblemResponses.problem(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", detail,
                Map.of("errors", List.of(new Refusal.FieldError(ex.getName(), "invalid value")))));
    }

    @ExceptionHandler(RequestBodyTooLargeException.class)
    ResponseEntity<Object> handleTooLarge(RequestBodyTooLargeException ex) {
        HttpStatus status = HttpStatus.CONTENT_TOO_LARGE;
        return respond(status, ProblemResponses.problem(status, "PAYLOAD_TOO_LARGE", ex.getMessage()));
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
            QueryTimeoutException.class})
    ResponseEntity<Object> handleDatabaseUnavailable(Exception ex, HttpServletRequest request) {
        log.warn("database unavailable: {}", ex.getMessage());
        HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
        // A connection lost during the commit leaves its outcome unknown (7 of 8 predictions refused in one outage had
        // committed): a write must be retried with the same Idempotency-Key, whose replay answers what was recorded.
        String detail = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())
                ? "the database is unavailable; retry shortly"
                : "the database is unavailable; the change may have been recorded before the connection was lost: "
                        + "retry shortly with the same request (and the same Idempotency-Key where it takes one)";
        return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.problem(status, "DATABASE_UNAVAILABLE", detail));
    }

    /**
     * PostgreSQL cannot store some text (a NUL character: SQLSTATE 22021 or 22P05) or some instants (beyond its
     * timestamp range, year 294276: 22008), and says so: that is the client's input, not a fault. The statement
     * failed, so its transaction rolled back.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> handleDataIntegrity(DataIntegrityViolationException ex, HttpServletRequest request,
            HttpServletResponse response) {
        if (hasSqlState(ex, "22021", "22P05")) {
            return respond(HttpStatus.BAD_REQUEST, ProblemResponses.problem(HttpStatus.BAD_REQUEST, "INVALID_TEXT",
                    "the request contains text that cannot be stored (for example a NUL character)"));
        }
        if (hasSqlState(ex, "22008")) {
            return respond(HttpStatus.BAD_REQUEST, ProblemResponses.problem(HttpStatus.BAD_REQUEST, "INVALID_TIMESTAMP",
                    "the request contains a date or time outside the range that can be stored"));
        }
        return handleUnexpected(ex, request, response);
    }

    /**
     * The connection broke under a running statement, commit or rollback (SQLSTATE class 08, or 57P: the server is
     * shutting down; 25006: a write reached a node demoted to a standby by a failover), or a commit/rollback failed
     * at the JDBC level. The client may retry: a write's outcome is unknown, which its Idempotency-Key makes safe.
     */
    private static boolean lostDatabase(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")
                            || "25006".equals(sql.getSQLState()))) {
                return true;
            }
            // a JDBC commit or rollback that fails (e.g. the pool's "Connection is closed") is the connection's fault
            if (t instanceof org.springframework.transaction.TransactionSystemException && t.getCause() instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T causeOfType(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean hasSqlState(Throwable ex, String... states) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && java.util.List.of(states).contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The firewall checks a header when it is read; MVC reads some (Idempotency-Key, If-None-Match) itself. */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    ResponseEntity<Object> handleRejected(org.springframework.security.web.firewall.RequestRejectedException ex) {
        return respond(HttpStatus.BAD_REQUEST, ProblemResponses.problem(HttpStatus.BAD_REQUEST, "REQUEST_REJECTED",
                "the request has a header, path or parameter the service does not accept"));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex) {
        return respond(HttpStatus.FORBIDDEN, ProblemResponses.problem(HttpStatus.FORBIDDEN, "FORBIDDEN",
                "this action needs a role the token does not have"));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> handleAuthentication(AuthenticationException ex) {
        return respond(HttpStatus.UNAUTHORIZED, ProblemResponses.problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                "a valid bearer token is required"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, HttpServletRequest request, HttpServletResponse response) {
        if (lostDatabase(ex)) {
            return handleDatabaseUnavailable(ex, request);
        }
        if (response.isCommitted()) {
            log.warn("failure after the response was committed: {}", ex.toString());
            return null;
        }
        log.error("unexpected failure", ex);
        HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
        return respond(status, ProblemResponses.problem(status, "INTERNAL_ERROR", "an unexpected error occurred"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return respond(HttpStatus.BAD_REQUEST, validationProblem(fieldErrors(ex.getBindingResult())));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(new Refusal.FieldError(parameterName(result.getMethodParameter().getParameterName()),
                        error.getDefaultMessage()))));
        return respond(HttpStatus.BAD_REQUEST, validationProblem(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = causeOfType(ex, RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            return handleTooLarge(tooLarge);
        }
        Refusal refused = causeOfType(ex, Refusal.class);
        if (refused != null) {
            return handleRefusal(refused);
        }
        String detail = "the request body is not valid JSON of the expected shape";
        String path = JsonPaths.of(ex);
        Map<String, Object> extra = new LinkedHashMap<>();
        if (path != null) {
            detail += " (at " + path + ")";
            extra.put("errors", List.of(new Refusal.FieldError(path, "unreadable or wrong type")));
        }
        return respond(HttpStatus.BAD_REQUEST, ProblemResponses.problem(HttpStatus.BAD_REQUEST, "MALFORMED_BODY", detail, extra));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            org.springframework.web.servlet.resource.NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return respond(HttpStatus.NOT_FOUND, ProblemResponses.problem(HttpStatus.NOT_FOUND, "NOT_FOUND",
                "no endpoint " + ex.getHttpMethod() + " /" + ex.getResourcePath()));
    }

    /** Spring's own MVC exceptions (404, 405, 406, 415, missing parameters...) keep their status and detail. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail pd ? pd : ProblemDetail.forStatus(statusCode);
        ProblemDetail ours = ProblemResponses.problem(statusCode, ProblemResponses.defaultCode(statusCode.value()),
                problem.getDetail() != null ? problem.getDetail() : "request failed");
        if (problem.getProperties() != null) {
            problem.getProperties().forEach((k, v) -> {
                if (!ours.getProperties().containsKey(k)) {
                    ours.setProperty(k, v);
                }
            });
        }
        HttpHeaders responseHeaders = new HttpHeaders();
        if (headers != null) {
            responseHeaders.addAll(headers);
        }
        responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(ours, responseHeaders, statusCode);
    }

    private static ProblemDetail validationProblem(List<Refusal.FieldError> errors) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", Refusal.summary(errors),
                Map.of("errors", errors));
    }

    private static List<Refusal.FieldError> fieldErrors(BindingResult result) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        result.getFieldErrors().forEach(e -> errors.add(new Refusal.FieldError(e.getField(), e.getDefaultMessage())));
        result.getGlobalErrors().forEach(e -> errors.add(new Refusal.FieldError(e.getObjectName(), e.getDefaultMessage())));
        return errors;
    }

    private static String parameterName(String name) {
        return name != null ? name : "parameter";
    }

    private static ResponseEntity<Object> respond(HttpStatusCode status, ProblemDetail problem) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
