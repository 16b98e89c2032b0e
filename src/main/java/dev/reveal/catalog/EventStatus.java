package dev.reveal.catalog;

import java.util.Set;

/** {@code DRAFT → OPEN → LOCKED → SETTLED}, and {@code DRAFT | OPEN | LOCKED → CANCELLED}; values match events_status_ck. */
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
}
