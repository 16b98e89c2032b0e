package dev.reveal.settlement;

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

    /*
     * No transaction around the reaction: settleEventIfFinished runs (and retries a lost lock race in) its own. Only a
     * lock is a reaction: the registry evaluates the condition before it records a publication, so the other status
     * changes (every settle that settles its event, publish, cancel) write no event_publication row and start no
     * asynchronous reaction (an insert in the settle, two updates and two commits after it).
     */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED,
            condition = "#change.newStatus() == T(dev.reveal.catalog.EventStatus).LOCKED")
    void on(EventStatusChanged change) {
        service.settleEventIfFinished(change.eventId());
    }
}
