package dev.reveal.live;

import dev.reveal.platform.Actor;
import dev.reveal.platform.LocaleCodes;
import dev.reveal.platform.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "Player: live updates")
class LiveController {

    private final LiveHub hub;

    LiveController(LiveHub hub) {
        this.hub = hub;
    }

    @GetMapping(path = "/api/v1/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-Sent Events: odds, market status, event lock (with reveal windows) and your results",
            description = "Event types: hello, odds, market, event, result (only for markets you predicted), reset "
                    + "(reload: too far behind to resume). Send Last-Event-ID to resume after a reconnect.")
    SseEmitter stream(@RequestParam(required = false) String locale,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, HttpServletRequest request) {
        if (locale != null && !LocaleCodes.isValid(locale)) {
            throw Refusal.malformed("INVALID_PARAMETER", "locale must look like en or sv-SE");
        }
        Subscriber subscriber = hub.subscribe(Actor.current().id(), parseId(lastEventId));
        StreamGate.startAfterRequest(request, subscriber);
        return subscriber.emitter();
    }

    private static Long parseId(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
