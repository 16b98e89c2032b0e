package dev.reveal.settlement;

import dev.reveal.platform.Actor;
import dev.reveal.platform.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin/v1/markets/{marketId}")
@Tag(name = "Settlement", description = "Settle, correct and void markets (operators and result providers)")
class SettlementController {

    private static final String SETTLE_EXAMPLE = """
            {"winningOutcomeCode": "YES"}""";
    private static final String CORRECT_EXAMPLE = """
            {"winningOutcomeCode": "NO", "correction": true, "reason": "VAR overturned the goal"}""";
    private static final String VOID_EXAMPLE = """
            {"reason": "clip feed failed before the reveal"}""";

    private final SettlementService service;

    SettlementController(SettlementService service) {
        this.service = service;
    }

    @PostMapping("/settlement")
    @Operation(summary = "Settle a locked market (201); the same result again is a no-op (200); "
            + "a different one needs correction=true and a reason")
    ResponseEntity<SettlementView> settle(@PathVariable UUID marketId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
                    @ExampleObject(name = "settle", value = SETTLE_EXAMPLE),
                    @ExampleObject(name = "correct", value = CORRECT_EXAMPLE)}))
            @Valid @RequestBody SettleRequest body) {
        SettlementView view = service.settle(body.toCommand(marketId, Boolean.TRUE.equals(body.correction()), Actor.current()));
        return respond(view);
    }

    @PutMapping("/settlement")
    @Operation(summary = "Correct a settled market's result (a reason is required); settles it if not yet settled")
    ResponseEntity<SettlementView> correct(@PathVariable UUID marketId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
                    @ExampleObject(name = "correct", value = CORRECT_EXAMPLE)))
            @Valid @RequestBody SettleRequest body) {
        return respond(service.settle(body.toCommand(marketId, true, Actor.current())));
    }

    @GetMapping("/settlement")
    @Operation(summary = "The market's current result (404 NOT_SETTLED before settlement)")
    SettlementView settlement(@PathVariable UUID marketId) {
        return service.settlement(marketId);
    }

    @PostMapping("/void")
    @Operation(summary = "Void a market that is not settled; its accepted predictions read VOID")
    VoidView voidMarket(@PathVariable UUID marketId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
                    @ExampleObject(name = "void", value = VOID_EXAMPLE)))
            @Valid @RequestBody VoidRequest body) {
        return service.voidMarket(new VoidMarket(marketId, body.reason(), Actor.current()));
    }

    private static ResponseEntity<SettlementView> respond(SettlementView view) {
        if (view.change() == SettlementView.Change.SETTLED) {
            return ResponseEntity.created(URI.create("/admin/v1/markets/" + view.marketId() + "/settlement")).body(view);
        }
        return ResponseEntity.ok(view);
    }

    /** The winner by id or by code; a correction must say why. */
    record SettleRequest(UUID winningOutcomeId,
                         @Pattern(regexp = "^[A-Z0-9][A-Z0-9_]{0,31}$") String winningOutcomeCode,
                         Boolean correction,
                         @Size(max = 1000) String reason) {

        SettleMarket toCommand(UUID marketId, boolean asCorrection, Actor actor) {
            if (winningOutcomeId == null && winningOutcomeCode == null) {
                throw invalid("winningOutcomeId", "winningOutcomeId or winningOutcomeCode is required");
            }
            if (asCorrection && (reason == null || reason.isBlank())) {
                throw invalid("reason", "a correction needs a reason");
            }
            return new SettleMarket(marketId, winningOutcomeId, winningOutcomeCode, asCorrection, reason, actor);
        }

        private static Refusal invalid(String field, String message) {
            return new Refusal(Refusal.Kind.MALFORMED, "VALIDATION_FAILED", field + ": " + message,
                    List.of(new Refusal.FieldError(field, message)), Map.of());
        }
    }

    record VoidRequest(@NotBlank @Size(max = 1000) String reason) {
    }
}
