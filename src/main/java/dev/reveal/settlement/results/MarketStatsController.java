package dev.reveal.settlement.results;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Settlement", description = "Settle, correct and void markets (operators and result providers)")
class MarketStatsController {

    private final ResultsService service;

    MarketStatsController(ResultsService service) {
        this.service = service;
    }

    @GetMapping("/admin/v1/markets/{marketId}/stats")
    @Operation(summary = "Predictions on a market by outcome (accepted and all), by acceptance code, each outcome's "
            + "share of players and the median time before lock of accepted predictions")
    MarketStats stats(@PathVariable UUID marketId) {
        return service.marketStats(marketId);
    }
}
