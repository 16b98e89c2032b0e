package dev.reveal.catalog;

import java.util.UUID;

/** Published (inside the changing transaction) whenever a market's status moves; listeners act after commit. */
public record MarketStatusChanged(UUID marketId, UUID eventId, MarketStatus oldStatus, MarketStatus newStatus) {
}
