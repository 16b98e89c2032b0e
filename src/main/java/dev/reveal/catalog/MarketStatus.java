package dev.reveal.catalog;

import java.util.Set;

/** {@code DRAFT → OPEN ⇄ SUSPENDED → LOCKED → SETTLED | VOID}; values match markets_status_ck. */
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

    /** Settled or void: nothing more can happen to the market (a settlement may still be corrected). */
    public boolean isClosed() {
        return this == SETTLED || this == VOID;
    }
}
