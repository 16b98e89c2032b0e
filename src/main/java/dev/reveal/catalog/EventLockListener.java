package dev.reveal.catalog;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Markets may all close before their event locks (a market's lock_at is at or before the event's); the event is
 * settled then, when it locks, which is only seen here.
 */
@Component
class EventLockListener {

    private static final Logger log = LoggerFactory.getLogger(EventLockListener.class);

    private final Lifecycle lifecycle;
    private final TransactionTemplate tx;
    private final Clock clock;

    EventLockListener(Lifecycle lifecycle, PlatformTransactionManager transactions, Clock clock) {
        this.lifecycle = lifecycle;
        // its own transaction: this runs after the locking transaction has committed
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(EventStatusChanged change) {
        if (change.newStatus() != EventStatus.LOCKED) {
            return;
        }
        try {
            tx.executeWithoutResult(s -> lifecycle.lockEvent(change.eventId())
                    .ifPresent(e -> lifecycle.settleEventIfFinished(e, clock.instant())));
        } catch (RuntimeException e) {
            // the lock has committed and stays; the event then waits in LOCKED for an operator to look
            log.warn("could not check whether locked event {} is finished: {}", change.eventId(), e.toString());
        }
    }
}
