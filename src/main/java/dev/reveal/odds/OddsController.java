package dev.reveal.odds;

import dev.reveal.platform.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
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
@RequestMapping("/admin/v1/markets/{marketId}/odds")
@Tag(name = "Odds", description = "Odds versions of a market")
class OddsController {

    private final OddsService service;

    OddsController(OddsService service) {
        this.service = service;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Publish a new current odds version (409 when the market is locked, settled or void)")
    OddsVersionView publish(@PathVariable UUID marketId, @Valid @RequestBody PublishOddsRequest request) {
        return service.publish(marketId, request, Actor.current());
    }

    @GetMapping
    @Operation(summary = "All odds versions of the market, newest first")
    List<OddsVersionView> history(@PathVariable UUID marketId) {
        return service.history(marketId);
    }
}
