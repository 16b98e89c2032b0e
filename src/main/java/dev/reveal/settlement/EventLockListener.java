package dev.reveal.settlement;

import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.EventStatusChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Markets may all close before their event locks (a market's lock_at is at or before the event's); the event is
 * settled then when it locks, which is only seen here.
 */
@Component
class EventLockListener {

    private static final Logger log = LoggerFactory.getLogger(EventLockListener.class);

    private final SettlementService service;

    EventLockListener(SettlementService service) {
        this.service = service;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(EventStatusChanged change) {
        if (change.newStatus() != EventStatus.LOCKED) {
            return;
        }
        try {
            service.settleEventIfFinished(change.eventId());
        } catch (RuntimeException e) {
            // the lock has committed and stays; the event then waits in LOCKED for an operator to look
            log.warn("could not check whether locked event {} is finished: {}", change.eventId(), e.toString());
        }
    }
}
