package dev.reveal.odds;

import java.util.UUID;

/** Published (inside the publishing transaction) when a market gets a new current odds version. */
public record OddsPublished(UUID marketId, UUID eventId, UUID oddsVersionId, int versionNo) {
}
