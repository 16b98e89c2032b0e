package dev.reveal.catalog;

import dev.reveal.audit.AuditEntry;
import dev.reveal.audit.AuditLog;
import dev.reveal.platform.Actor;
import dev.reveal.platform.Refusal;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Operator moves of one market: suspend, resume, lock early. */
@Service
class MarketService {

    enum Move {
        SUSPEND(MarketStatus.SUSPENDED, "MARKET_SUSPENDED"),
        RESUME(MarketStatus.OPEN, "MARKET_RESUMED"),
        LOCK(MarketStatus.LOCKED, "MARKET_LOCKED");

        final MarketStatus target;
        final String action;

        Move(MarketStatus target, String action) {
            this.target = target;
            this.action = action;
        }
    }

    private final Markets markets;
    private final AuditLog audit;
    private final ApplicationEventPublisher facts;

    MarketService(Markets markets, AuditLog audit, ApplicationEventPublisher facts) {
        this.markets = markets;
        this.audit = audit;
        this.facts = facts;
    }

    @Transactional
    MarketStatus move(UUID marketId, Move move, String reason, Actor actor) {
        Events.MarketRow market = markets.lock(marketId).orElseThrow(() -> Refusal.notFound("market", marketId));
        // resuming is SUSPENDED → OPEN only; OPEN → OPEN is not a move
        if (!market.status().canBecome(move.target) || (move == Move.RESUME && market.status() != MarketStatus.SUSPENDED)) {
            throw Refusal.invalidTransition("market", marketId, market.status().name(), move.name().toLowerCase());
        }
        markets.setStatus(marketId, move.target);
        audit.record(AuditEntry.of(actor, move.action, "MARKET", marketId).withNote(reason)
                .with("eventId", market.eventId()).with("oldStatus", market.status()).with("newStatus", move.target));
        facts.publishEvent(new MarketStatusChanged(marketId, market.eventId(), market.status(), move.target));
        return move.target;
    }
}
