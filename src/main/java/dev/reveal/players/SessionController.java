package dev.reveal.players;

import dev.reveal.platform.Actor;
import dev.reveal.platform.LocaleCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/sessions")
@Tag(name = "Player sessions", description = "App sessions of the calling player; assigns the experiment variant")
class SessionController {

    private final SessionService service;

    SessionController(SessionService service) {
        this.service = service;
    }

    record StartSessionRequest(
            @NotNull DevicePlatform platform,
            @Size(max = 64) String appVersion,
            @Size(max = 128) String deviceModel,
            @Size(max = 64) String osVersion,
            @NotNull @Pattern(regexp = LocaleCodes.PATTERN, message = "must be " + LocaleCodes.EXAMPLE)
            String locale) {
    }

    record SessionStarted(UUID sessionId, UUID userId, String variant, Instant startedAt) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start a session (creates the player on first sight and assigns the experiment variant)")
    SessionStarted start(@Valid @RequestBody StartSessionRequest body) {
        SessionView s = service.start(new StartSession(Actor.current().id(), body.platform(), body.appVersion(),
                body.deviceModel(), body.osVersion(), body.locale()));
        return new SessionStarted(s.sessionId(), s.userId(), s.variant(), s.startedAt());
    }

    @PostMapping("/{id}/end")
    @Operation(summary = "End a session; repeating it returns the first end time")
    SessionView end(@PathVariable UUID id) {
        return service.end(id, Actor.current().id());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of the caller's own sessions (another player's is 404)")
    SessionView get(@PathVariable UUID id) {
        return service.get(id, Actor.current().id());
    }
}
