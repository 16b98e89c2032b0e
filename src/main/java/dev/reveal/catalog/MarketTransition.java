package dev.reveal.catalog;

import java.util.UUID;

/**
 * A market's status move as written: {@code impliedLock} says the market was still OPEN or SUSPENDED in its row but
 * past its lock time, so the move went from LOCKED (the lock the job had not written yet is part of this move).
 */
public record MarketTransition(UUID marketId, UUID eventId, MarketStatus from, MarketStatus to, boolean impliedLock) {
}
