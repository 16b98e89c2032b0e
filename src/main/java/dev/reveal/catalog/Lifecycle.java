package dev.reveal.catalog;

import dev.reveal.audit.AuditEntry;
import dev.reveal.audit.AuditLog;
import dev.reveal.platform.Actor;
import dev.reveal.platform.Refusal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one write path of event and market statuses, for the catalog's own moves and for the areas that close markets
 * (settlement) or hang things off them (odds). Every method runs inside the caller's transaction.
 *
 * <p>Lock order, for every transaction that locks both: the event row first, then its market rows, each
 * {@code FOR NO KEY UPDATE} (a status is not a key, so rows referring to them can still be inserted). A prediction
 * share-locks its market ({@code FOR SHARE}), so a status move waits for predictions being recorded and they for it.
 * The lifecycle job is the one exception to "event first": it takes due rows with {@code SKIP LOCKED}, so it never
 * waits and cannot be part of a deadlock.
 */
@Service
public class Lifecycle {

    /** A market with its event, both row-locked until the transaction ends. */
    public record LockedMarket(UUID id, UUID eventId, MarketStatus status, Instant lockAt, EventStatus eventStatus,
                               Instant eventLockAt) {

        public boolean lockPassed(Instant at) {
            return !at.isBefore(lockAt);
        }

        /** The status that holds at {@code at}: OPEN or SUSPENDED past the lock time is LOCKED. */
        public MarketStatus statusAt(Instant at) {
            return status.at(lockPassed(at));
        }

        public LockedEvent event() {
            return new LockedEvent(eventId, eventStatus, eventLockAt);
        }
    }

    /** An event row-locked until the transaction ends. */
    public record LockedEvent(UUID id, EventStatus status, Instant lockAt) {
    }

    private final Events events;
    private final Markets markets;
    private final AuditLog audit;
    private final ApplicationEventPublisher facts;

    Lifecycle(Events events, Markets markets, AuditLog audit, ApplicationEventPublisher facts) {
        this.events = events;
        this.markets = markets;
        this.audit = audit;
        this.facts = facts;
    }

    /** Locks the market's event, then the market; empty when there is no such market. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<LockedMarket> lockMarket(UUID marketId) {
        return markets.eventOf(marketId).flatMap(events::lock).flatMap(e -> markets.lock(marketId)
                .map(m -> new LockedMarket(m.id(), e.id(), m.status(), m.lockAt(), e.status(), e.lockAt())));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<LockedEvent> lockEvent(UUID eventId) {
        return events.lock(eventId).map(e -> new LockedEvent(e.id(), e.status(), e.lockAt()));
    }

    /** A move from the status in the row (operator moves, void); refused as an invalid transition otherwise. */
    @Transactional(propagation = Propagation.MANDATORY)
    public MarketTransition move(LockedMarket market, MarketStatus to, String action) {
        if (!market.status().canBecome(to)) {
            throw Refusal.invalidTransition("market", market.id(), market.status().name(), action);
        }
        return write(market, market.status(), to, false);
    }

    /**
     * SETTLED from the status that holds at {@code at}: a market past its lock time is LOCKED whether or not the job
     * has written it, so settling it is LOCKED → SETTLED with the lock implied in the same move.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public MarketTransition settle(LockedMarket market, Instant at) {
        MarketStatus from = market.statusAt(at);
        if (!from.canBecome(MarketStatus.SETTLED)) {
            throw Refusal.invalidTransition("market", market.id(), from.name(), "settle");
        }
        return write(market, market.status(), MarketStatus.SETTLED, from != market.status());
    }

    /**
     * Settles the event (audited as SYSTEM) once it has locked and none of its markets is still open to a result;
     * otherwise leaves it. Returns the event's status after.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public EventStatus settleEventIfFinished(LockedEvent event, Instant at) {
        Markets.Counts counts = markets.counts(event.id());
        if (!event.status().isFinished(!at.isBefore(event.lockAt()), counts.closed(), counts.unclosed())) {
            return event.status();
        }
        events.setStatus(event.id(), EventStatus.SETTLED);
        audit.record(AuditEntry.of(Actor.system(), "EVENT_SETTLED", "EVENT", event.id())
                .with("oldStatus", event.status())
                .with("newStatus", EventStatus.SETTLED));
        facts.publishEvent(new EventStatusChanged(event.id(), event.status(), EventStatus.SETTLED));
        return EventStatus.SETTLED;
    }

    /**
     * An event and its markets move together (publish, cancel), the event row locked by the caller first: the event
     * to {@code to}, each of its markets in one of {@code marketsFrom} to {@code marketsTo}. Returns the markets moved.
     */
    List<Markets.Flip> moveEvent(UUID eventId, EventStatus from, EventStatus to, List<MarketStatus> marketsFrom,
                                 MarketStatus marketsTo) {
        if (!from.canBecome(to)) {
            throw Refusal.invalidTransition("event", eventId, from.name(), to.name().toLowerCase());
        }
        events.setStatus(eventId, to);
        List<Markets.Flip> flips = markets.moveEventMarkets(eventId, marketsFrom, marketsTo);
        flips.forEach(f -> facts.publishEvent(new MarketStatusChanged(f.marketId(), f.eventId(), f.oldStatus(), marketsTo)));
        facts.publishEvent(new EventStatusChanged(eventId, from, to));
        return flips;
    }

    private MarketTransition write(LockedMarket market, MarketStatus from, MarketStatus to, boolean impliedLock) {
        markets.setStatus(market.id(), to);
        facts.publishEvent(new MarketStatusChanged(market.id(), market.eventId(), from, to));
        return new MarketTransition(market.id(), market.eventId(), from, to, impliedLock);
    }
}
