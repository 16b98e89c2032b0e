package dev.reveal.platform.web;

import dev.reveal.platform.Refusal;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The one place where a domain refusal becomes an HTTP status. */
final class RefusalStatuses {

    private static final Map<Refusal.Kind, HttpStatus> STATUSES = new EnumMap<>(Map.of(
            Refusal.Kind.MALFORMED, HttpStatus.BAD_REQUEST,
            Refusal.Kind.NOT_FOUND, HttpStatus.NOT_FOUND,
            Refusal.Kind.CONFLICT, HttpStatus.CONFLICT,
            Refusal.Kind.RULE_BROKEN, HttpStatus.UNPROCESSABLE_CONTENT,
            Refusal.Kind.TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE,
            Refusal.Kind.UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE));

    private RefusalStatuses() {
    }

    static HttpStatus of(Refusal refusal) {
        return STATUSES.get(refusal.kind());
    }
}
