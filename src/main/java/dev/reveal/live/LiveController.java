package dev.reveal.live;

import dev.reveal.platform.Actor;
import dev.reveal.platform.LocaleCodes;
import dev.reveal.platform.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Player: live updates")
class LiveController {

    private final LiveHub hub;

    LiveController(LiveHub hub) {
        this.hub = hub;
    }

    /**
     * Answers with the stream's headers and hands the connection over to a {@link StreamConnection}, which writes the
     * messages: the body is delimited by the connection's end ({@code Connection: close}), as a stream never ends
     * on its own, and Tomcat keeps no request in flight for it.
     */
    @GetMapping(path = "/api/v1/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-Sent Events: odds, market status, event lock (with reveal windows) and your results",
            description = "Message types (the SSE `event` field): hello, odds, market, event, result (only for markets "
                    + "you predicted), reset (reload: too far behind to resume). Send Last-Event-ID to resume after a "
                    + "reconnect.")
    void stream(@RequestParam(required = false) String locale,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastSeenId, HttpServletRequest request,
            HttpServletResponse response) throws IOException, ServletException {
        if (locale != null && !LocaleCodes.isValid(locale)) {
            throw Refusal.malformed("INVALID_PARAMETER", "locale must look like en or sv-SE");
        }
        if (HttpMethod.HEAD.matches(request.getMethod())) {
            streamHeaders(response);
            return; // headers only: nothing may follow them on the connection
        }
        Subscriber subscriber = hub.subscribe(Actor.current().id(), parseId(lastSeenId));
        try {
            request.upgrade(StreamConnection.class).attach(subscriber);
            streamHeaders(response);
            response.flushBuffer();
        } catch (IOException | ServletException | RuntimeException e) {
            subscriber.close(StreamEnd.CLIENT_LEFT);
            throw e;
        }
    }

    /** Also after the upgrade, which set 101: the client sees an ordinary 200 stream. */
    private static void streamHeaders(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setHeader(HttpHeaders.CONNECTION, "close");
    }

    private static Long parseId(String lastSeenId) {
        if (lastSeenId == null || lastSeenId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(lastSeenId.trim());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
