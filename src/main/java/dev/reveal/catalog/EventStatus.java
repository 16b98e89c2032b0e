package dev.reveal.catalog;

import java.util.Set;

/**
 * {@code DRAFT → OPEN → LOCKED → SETTLED}, and {@code DRAFT | OPEN | LOCKED → CANCELLED}; values match events_status_ck.
 * Like a market, an OPEN event is LOCKED once its lock time has passed ({@link #at}), written or not.
 */
public enum EventStatus {
    DRAFT, OPEN, LOCKED, SETTLED, CANCELLED;

    public boolean canBecome(EventStatus next) {
        return switch (this) {
            case DRAFT -> Set.of(OPEN, CANCELLED).contains(next);
            case OPEN -> Set.of(LOCKED, CANCELLED).contains(next);
            case LOCKED -> Set.of(SETTLED, CANCELLED).contains(next);
            case SETTLED, CANCELLED -> false;
        };
    }

    /** The status once the lock time has (or has not) passed. */
    public EventStatus at(boolean lockPassed) {
        return lockPassed && this == OPEN ? LOCKED : this;
    }

    /**
     * An event is settled when it has markets, none of them is still open to a result, and it has locked (by status
     * or by time). A CANCELLED, DRAFT or already SETTLED event stays as it is.
     */
    public boolean isFinished(boolean lockPassed, long closedMarkets, long unclosedMarkets) {
        return unclosedMarkets == 0 && closedMarkets > 0 && at(lockPassed).canBecome(SETTLED);
    }
}
