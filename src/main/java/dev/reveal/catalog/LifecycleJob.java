package dev.reveal.catalog;

import dev.reveal.audit.AuditEntry;
import dev.reveal.audit.AuditLog;
import dev.reveal.platform.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Locks markets and events at their lock time. Every instance runs it; {@code FOR NO KEY UPDATE SKIP LOCKED} plus a status
 * re-check make each row flip exactly once, so no leader election or lock table is needed. A short fixed delay keeps
 * the flip within a second of the due time (acceptance compares the clock with lock_at anyway).
 */
@Component
class LifecycleJob {

    private static final Logger log = LoggerFactory.getLogger(LifecycleJob.class);

    private final Markets markets;
    private final Events events;
    private final AuditLog audit;
    private final ApplicationEventPublisher facts;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final boolean enabled;
    private final int batchSize;

    LifecycleJob(Markets markets, Events events, AuditLog audit, ApplicationEventPublisher facts, TransactionTemplate tx,
                 Clock clock, LifecycleProperties properties) {
        this.markets = markets;
        this.events = events;
        this.audit = audit;
        this.facts = facts;
        this.tx = tx;
        this.clock = clock;
        this.enabled = properties.enabled();
        this.batchSize = properties.batchSize();
    }

    @Scheduled(fixedDelayString = "${reveal.lifecycle.fixed-delay:250ms}", initialDelayString = "${reveal.lifecycle.initial-delay:1s}")
    void scheduled() {
        if (!enabled) {
            return;
        }
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("lifecycle run failed, retrying on the next tick: {}", e.toString());
        }
    }

    /** One pass: flips everything due (in batches) and returns how many markets and events moved. */
    Flipped runOnce() {
        int marketCount = 0;
        int eventCount = 0;
        // a scheduled run is in the span of its @Scheduled observation: its audit rows share that trace id
        Instant now = clock.instant();
        int batch;
        do {
            batch = tx.execute(s -> lockMarkets(now));
            marketCount += batch;
        } while (batch == batchSize);
        do {
            batch = tx.execute(s -> lockEvents(now));
            eventCount += batch;
        } while (batch == batchSize);
        return new Flipped(marketCount, eventCount);
    }

    record Flipped(int markets, int events) {
    }

    private int lockMarkets(Instant now) {
        List<Markets.Flip> flips = markets.lockDue(now, batchSize);
        if (flips.isEmpty()) {
            return 0;
        }
        audit.recordAll(flips.stream().map(f -> AuditEntry.of(Actor.system(), "MARKET_LOCKED", "MARKET", f.marketId())
                .withNote("lock time reached").with("eventId", f.eventId()).with("oldStatus", f.oldStatus())
                .with("newStatus", MarketStatus.LOCKED).with("checkedAt", now)).toList());
        flips.forEach(f -> facts.publishEvent(new MarketStatusChanged(f.marketId(), f.eventId(), f.oldStatus(), MarketStatus.LOCKED)));
        return flips.size();
    }

    private int lockEvents(Instant now) {
        List<UUID> locked = events.lockDue(now, batchSize);
        if (locked.isEmpty()) {
            return 0;
        }
        audit.recordAll(locked.stream().map(id -> AuditEntry.of(Actor.system(), "EVENT_LOCKED", "EVENT", id)
                .withNote("lock time reached").with("oldStatus", EventStatus.OPEN).with("newStatus", EventStatus.LOCKED)
                .with("checkedAt", now)).toList());
        locked.forEach(id -> facts.publishEvent(new EventStatusChanged(id, EventStatus.OPEN, EventStatus.LOCKED)));
        return locked.size();
    }
}
