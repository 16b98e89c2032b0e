package dev.reveal.settlement;

import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.EventStatusChanged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Markets may all close before their event locks (a market's lock_at is at or before the event's); the event is
 * settled then when it locks, which is only seen here. An after-commit reaction recorded in the event publication
 * registry: if it fails (the database away, a lock timeout), the publication stays incomplete and is retried.
 */
@Component
class EventLockListener {

    private final SettlementService service;

    EventLockListener(SettlementService service) {
        this.service = service;
    }

    // no transaction around the reaction: settleEventIfFinished runs (and retries a lost lock race in) its own
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(EventStatusChanged change) {
        if (change.newStatus() == EventStatus.LOCKED) {
            service.settleEventIfFinished(change.eventId());
        }
    }
}
