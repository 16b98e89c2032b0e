package dev.reveal.catalog;

import java.util.Set;

/**
 * {@code DRAFT → OPEN ⇄ SUSPENDED → LOCKED → SETTLED | VOID}; values match markets_status_ck. A market's lock time
 * locks it whether or not the lifecycle job has written LOCKED yet: {@link #at} gives the status that holds then, and
 * settling goes from that status, so "settle an OPEN market past its lock" is LOCKED → SETTLED with the lock implied.
 */
public enum MarketStatus {
    DRAFT, OPEN, SUSPENDED, LOCKED, SETTLED, VOID;

    public boolean canBecome(MarketStatus next) {
        return switch (this) {
            case DRAFT -> Set.of(OPEN, VOID).contains(next);
            case OPEN -> Set.of(SUSPENDED, LOCKED, VOID).contains(next);
            case SUSPENDED -> Set.of(OPEN, LOCKED, VOID).contains(next);
            case LOCKED -> Set.of(SETTLED, VOID).contains(next);
            case SETTLED, VOID -> false;
        };
    }

    /** The status once the lock time has (or has not) passed: OPEN and SUSPENDED are LOCKED from then on. */
    public MarketStatus at(boolean lockPassed) {
        return lockPassed && (this == OPEN || this == SUSPENDED) ? LOCKED : this;
    }

    /** Settled or void: nothing more can happen to the market (a settlement may still be corrected). */
    public boolean isClosed() {
        return this == SETTLED || this == VOID;
    }
}
