package dev.reveal.betting;

import dev.reveal.platform.Actor;
import dev.reveal.platform.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Predictions", description = "Bet intents of the calling player")
class BetIntentController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final BetIntentService service;

    BetIntentController(BetIntentService service) {
        this.service = service;
    }

    record PlaceBetIntentRequest(@NotNull UUID sessionId, @NotNull UUID marketId, @NotNull UUID outcomeId,
                                 @NotNull UUID oddsVersionId, @NotNull Instant clientSentAt, AcceptOdds acceptOdds) {
    }

    @PostMapping("/api/v1/bet-intents")
    @Operation(summary = "Predict an outcome. 201 with the decision (accepted or not); a replay of the same "
            + "Idempotency-Key and body answers 200 with Idempotent-Replayed: true")
    ResponseEntity<BetIntentView> place(@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody PlaceBetIntentRequest body) {
        Outcome.Recorded answer = service.place(new PlaceBetIntent(Actor.current().id(), idempotencyKey,
                body.sessionId(), body.marketId(), body.outcomeId(), body.oddsVersionId(), body.clientSentAt(),
                body.acceptOdds()));
        if (answer.replayed()) {
            return ResponseEntity.ok().header(REPLAYED, "true").body(answer.intent());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(answer.intent());
    }

    @GetMapping("/api/v1/me/bet-intents")
    @Operation(summary = "The caller's predictions, newest first, with decision and result")
    Page<BetIntentView> history(@RequestParam(required = false) UUID eventId,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return service.history(Actor.current().id(), eventId, cursor, limit);
    }

    @GetMapping("/api/v1/me/bet-intents/{id}")
    @Operation(summary = "One of the caller's predictions (another player's is 404)")
    BetIntentView one(@PathVariable UUID id) {
        return service.one(id, Actor.current().id());
    }
}
