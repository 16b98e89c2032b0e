package dev.reveal.settlement;

import dev.reveal.audit.AuditEntry;
import dev.reveal.audit.AuditLog;
import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.Lifecycle;
import dev.reveal.catalog.Lifecycle.LockedMarket;
import dev.reveal.catalog.MarketStatus;
import dev.reveal.catalog.MarketTransition;
import dev.reveal.platform.DeadlockRetry;
import dev.reveal.platform.Ids;
import dev.reveal.platform.Refusal;
import dev.reveal.settlement.Settlements.OutcomeRow;
import dev.reveal.settlement.Settlements.SettlementRow;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles, corrects and voids markets. Each call touches a constant number of rows (the market, its settlement,
 * its event and their audit rows) whatever the number of predictions: results are derived by the
 * {@code bet_intent_results} view, never written per prediction.
 */
@Service
class SettlementService {


    private final Settlements settlements;
    private final Lifecycle lifecycle;
    private final AuditLog audit;
    private final ApplicationEventPublisher facts;
    private final TransactionTemplate tx;
    private final RetryTemplate retry = DeadlockRetry.template();
    private final Clock clock;

    SettlementService(Settlements settlements, Lifecycle lifecycle, AuditLog audit, ApplicationEventPublisher facts,
            PlatformTransactionManager transactions, Clock clock) {
        this.settlements = settlements;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.facts = facts;
        // always its own transaction: the event-lock listener calls in after another transaction has committed
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    SettlementView settle(SettleMarket cmd) {
        return inTransaction(() -> settleLocked(cmd));
    }

    VoidView voidMarket(VoidMarket cmd) {
        return inTransaction(() -> voidLocked(cmd));
    }

    /** The market's current settlement, for reading back what was posted. */
    SettlementView settlement(UUID marketId) {
        UUID eventId = settlements.eventOf(marketId).orElseThrow(() -> Refusal.notFound("market", marketId));
        SettlementRow row = settlements.settlementOf(marketId)
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "NOT_SETTLED",
                        "market " + marketId + " has no settlement"));
        return new SettlementView(marketId, eventId, MarketStatus.SETTLED, row.winningOutcomeId(),
                row.winningOutcomeCode(), row.settledAt(), SettlementView.Change.UNCHANGED,
                settlements.eventStatus(eventId));
    }

    /**
     * Settles the event if its last open market closed before the event itself locked (called once it locks), in a
     * transaction of its own: the event-lock listener calls in after the locking transaction has committed.
     */
    void settleEventIfFinished(UUID eventId) {
        inTransaction(() -> lifecycle.lockEvent(eventId)
                .map(e -> lifecycle.settleEventIfFinished(e, clock.instant())).orElse(null));
    }

    private SettlementView settleLocked(SettleMarket cmd) {
        LockedMarket market = lifecycle.lockMarket(cmd.marketId())
                .orElseThrow(() -> Refusal.notFound("market", cmd.marketId()));
        UUID eventId = market.eventId();
        OutcomeRow winner = winnerOf(cmd);
        Optional<SettlementRow> current = settlements.settlementOf(market.id());
        Instant now = clock.instant();

        SettlementRules.SettleVerdict verdict = SettlementRules.settle(market.status(), market.lockPassed(now),
                current.map(SettlementRow::winningOutcomeId), winner.id(), cmd.correction());
        return switch (verdict) {
            case SETTLE -> {
                settlements.insertSettlement(Ids.newId(), market.id(), now, winner.id());
                MarketTransition t = lifecycle.settle(market, now);
                AuditEntry entry = AuditEntry.of(cmd.actor(), "MARKET_SETTLED", "MARKET", market.id())
                        .withNote(blankToNull(cmd.reason()))
                        .with("winningOutcomeId", winner.id())
                        .with("winningOutcomeCode", winner.code())
                        .with("oldStatus", t.from())
                        .with("newStatus", t.to());
                audit.record(t.impliedLock() ? entry.with("impliedLock", true) : entry);
                facts.publishEvent(new MarketSettled(market.id(), eventId, winner.id(), false));
                EventStatus eventStatus = lifecycle.settleEventIfFinished(market.event(), now);
                yield new SettlementView(market.id(), eventId, MarketStatus.SETTLED, winner.id(), winner.code(), now,
                        SettlementView.Change.SETTLED, eventStatus);
            }
            case CORRECT -> {
                SettlementRow old = current.orElseThrow();
                settlements.replaceWinner(market.id(), winner.id());
                audit.record(AuditEntry.of(cmd.actor(), "SETTLEMENT_CORRECTED", "MARKET", market.id())
                        .withNote(cmd.reason())
                        .with("oldWinningOutcomeId", old.winningOutcomeId())
                        .with("oldWinningOutcomeCode", old.winningOutcomeCode())
                        .with("newWinningOutcomeId", winner.id())
                        .with("newWinningOutcomeCode", winner.code()));
                facts.publishEvent(new MarketSettled(market.id(), eventId, winner.id(), true));
                yield new SettlementView(market.id(), eventId, MarketStatus.SETTLED, winner.id(), winner.code(),
                        old.settledAt(), SettlementView.Change.CORRECTED, market.eventStatus());
            }
            case UNCHANGED -> {
                SettlementRow same = current.orElseThrow();
                yield new SettlementView(market.id(), eventId, MarketStatus.SETTLED, same.winningOutcomeId(),
                        same.winningOutcomeCode(), same.settledAt(), SettlementView.Change.UNCHANGED, market.eventStatus());
            }
            case NOT_LOCKED -> throw new Refusal(Refusal.Kind.CONFLICT, "MARKET_NOT_LOCKED",
                    "market " + market.id() + " takes predictions until " + market.lockAt() + "; settle it after it locks",
                    Map.of("currentStatus", market.status().name(), "lockAt", market.lockAt().toString()));
            case NOT_SETTLEABLE -> throw Refusal.invalidTransition("market", market.id(),
                    market.status().name(), "settle");
            case CONFLICT -> {
                SettlementRow existing = current.orElseThrow();
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("currentStatus", market.status().name());
                props.put("winningOutcomeId", existing.winningOutcomeId().toString());
                props.put("winningOutcomeCode", existing.winningOutcomeCode());
                throw new Refusal(Refusal.Kind.CONFLICT, "SETTLEMENT_CONFLICT",
                        "market " + market.id() + " is settled with " + existing.winningOutcomeCode()
                                + "; send a correction with a reason to change it", props);
            }
        };
    }

    private VoidView voidLocked(VoidMarket cmd) {
        LockedMarket market = lifecycle.lockMarket(cmd.marketId())
                .orElseThrow(() -> Refusal.notFound("market", cmd.marketId()));
        UUID eventId = market.eventId();
        return switch (SettlementRules.voidMarket(market.status())) {
            case VOID -> {
                MarketTransition t = lifecycle.move(market, MarketStatus.VOID, "void");
                audit.record(AuditEntry.of(cmd.actor(), "MARKET_VOIDED", "MARKET", market.id())
                        .withNote(cmd.reason())
                        .with("oldStatus", t.from())
                        .with("newStatus", t.to()));
                EventStatus eventStatus = lifecycle.settleEventIfFinished(market.event(), clock.instant());
                yield new VoidView(market.id(), eventId, MarketStatus.VOID, VoidView.Change.VOIDED, eventStatus);
            }
            case UNCHANGED -> new VoidView(market.id(), eventId, MarketStatus.VOID, VoidView.Change.UNCHANGED,
                    market.eventStatus());
            case NOT_VOIDABLE -> throw Refusal.invalidTransition("market", market.id(),
                    market.status().name(), "void");
        };
    }

    private OutcomeRow winnerOf(SettleMarket cmd) {
        if (cmd.winningOutcomeId() != null) {
            OutcomeRow byId = settlements.outcomeById(cmd.marketId(), cmd.winningOutcomeId())
                    .orElseThrow(() -> Refusal.ruleBroken("OUTCOME_NOT_IN_MARKET",
                            "outcome " + cmd.winningOutcomeId() + " is not an outcome of market " + cmd.marketId()));
            if (cmd.winningOutcomeCode() != null && !cmd.winningOutcomeCode().equals(byId.code())) {
                throw Refusal.ruleBroken("OUTCOME_MISMATCH", "outcome " + byId.id() + " has code "
                        + byId.code() + ", not " + cmd.winningOutcomeCode());
            }
            return byId;
        }
        return settlements.outcomeByCode(cmd.marketId(), cmd.winningOutcomeCode())
                .orElseThrow(() -> Refusal.ruleBroken("OUTCOME_NOT_IN_MARKET",
                        "market " + cmd.marketId() + " has no outcome " + cmd.winningOutcomeCode()));
    }

    /**
     * Rows are locked in the catalog's lock order ({@link Lifecycle}); a lock race that still makes this transaction
     * a deadlock victim is retried rather than answered with a 500.
     */
    private <T> T inTransaction(Supplier<T> work) {
        return retry.invoke(() -> tx.execute(status -> work.get()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
