package dev.reveal.catalog;

import dev.reveal.audit.AuditEntry;
import dev.reveal.audit.AuditLog;
import dev.reveal.platform.Actor;
import dev.reveal.platform.Refusal;
import java.util.UUID;
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

    private final Lifecycle lifecycle;
    private final AuditLog audit;

    MarketService(Lifecycle lifecycle, AuditLog audit) {
        this.lifecycle = lifecycle;
        this.audit = audit;
    }

    @Transactional
    MarketStatus move(UUID marketId, Move move, String reason, Actor actor) {
        Lifecycle.LockedMarket market = lifecycle.lockMarket(marketId)
                .orElseThrow(() -> Refusal.notFound("market", marketId));
        String action = move.name().toLowerCase();
        // resuming is SUSPENDED → OPEN only; OPEN → OPEN is not a move
        if (move == Move.RESUME && market.status() != MarketStatus.SUSPENDED) {
            throw Refusal.invalidTransition("market", marketId, market.status().name(), action);
        }
        MarketTransition t = lifecycle.move(market, move.target, action);
        audit.record(AuditEntry.of(actor, move.action, "MARKET", marketId).withNote(reason)
                .with("eventId", t.eventId()).with("oldStatus", t.from()).with("newStatus", t.to()));
        return t.to();
    }
}
