package dev.reveal.catalog;

import java.time.Instant;

/**
 * Whether a market takes predictions at a moment: the one definition of "open" (betting's acceptance decision uses
 * it, in this order of checks: not open, then locked).
 */
public enum Openness {
    /** Takes predictions. */
    OPEN,
    /** Not for a reason of time: a DRAFT, SUSPENDED, SETTLED or VOID market, or an event neither OPEN nor LOCKED. */
    NOT_OPEN,
    /** Locked: by status (market or event) or because its lock time has passed, written or not. */
    LOCKED;

    public static Openness of(MarketStatus market, EventStatus event, Instant lockAt, Instant at) {
        boolean marketOpen = market == MarketStatus.OPEN || market == MarketStatus.LOCKED;
        boolean eventOpen = event == EventStatus.OPEN || event == EventStatus.LOCKED;
        if (!marketOpen || !eventOpen) {
            return NOT_OPEN;
        }
        boolean lockPassed = !at.isBefore(lockAt);
        return market.at(lockPassed) == MarketStatus.LOCKED || event == EventStatus.LOCKED ? LOCKED : OPEN;
    }
}
