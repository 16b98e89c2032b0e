package dev.reveal.odds;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One odds version of a market with a price per outcome. */
public record OddsVersionView(UUID id, UUID marketId, int versionNo, Instant createdAt, boolean current, List<Price> prices) {

    public record Price(UUID outcomeId, String outcomeCode, BigDecimal decimalOdds, String fractionalOdds) {
    }
}
