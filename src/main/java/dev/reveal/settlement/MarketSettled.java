package dev.reveal.settlement;

import java.util.UUID;

/**
 * Published inside the settling transaction when a market gets its result, or when a correction replaces it
 * ({@code correction = true}); listeners act after commit.
 */
public record MarketSettled(UUID marketId, UUID eventId, UUID winningOutcomeId, boolean correction) {
}
