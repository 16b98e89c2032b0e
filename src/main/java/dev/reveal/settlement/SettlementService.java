package dev.reveal.settlement;

import dev.reveal.audit.AuditEntry;
import dev.reveal.audit.AuditLog;
import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.EventStatusChanged;
import dev.reveal.catalog.MarketStatus;
import dev.reveal.catalog.MarketStatusChanged;
import dev.reveal.platform.Actor;
import dev.reveal.platform.Ids;
import dev.reveal.platform.Refusal;
import dev.reveal.settlement.Settlements.EventRow;
import dev.reveal.settlement.Settlements.MarketCounts;
import dev.reveal.settlement.Settlements.MarketRow;
import dev.reveal.settlement.Settlements.OutcomeRow;
import dev.reveal.settlement.Settlements.SettlementRow;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.PessimisticLockingFailureException;
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

    private static final Logger log = LoggerFactory.getLogger(SettlementService.class);
    private static final int ATTEMPTS = 3;

    private final Settlements settlements;
    private final AuditLog audit;
    private final ApplicationEventPublisher facts;
    private final TransactionTemplate tx;
    private final Clock clock;

    SettlementService(Settlements settlements, AuditLog audit, ApplicationEventPublisher facts,
            PlatformTransactionManager transactions, Clock clock) {
        this.settlements = settlements;
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

    /** Settles the event if its last open market closed before the event itself locked (called once it locks). */
    void settleEventIfFinished(UUID eventId) {
        inTransaction(() -> finishEvent(settlements.lockEvent(eventId), clock.instant()));
    }

    private SettlementView settleLocked(SettleMarket cmd) {
        UUID eventId = settlements.eventOf(cmd.marketId())
                .orElseThrow(() -> Refusal.notFound("market", cmd.marketId()));
        EventRow event = settlements.lockEvent(eventId);
        MarketRow market = settlements.lockMarket(cmd.marketId());
        OutcomeRow winner = winnerOf(cmd);
        Optional<SettlementRow> current = settlements.settlementOf(market.id());
        Instant now = clock.instant();

        SettlementRules.SettleVerdict verdict = SettlementRules.settle(market.status(), !now.isBefore(market.lockAt()),
                current.map(SettlementRow::winningOutcomeId), winner.id(), cmd.correction());
        return switch (verdict) {
            case SETTLE -> {
                settlements.insertSettlement(Ids.newId(), market.id(), now, winner.id());
                settlements.setMarketStatus(market.id(), MarketStatus.SETTLED);
                audit.record(AuditEntry.of(cmd.actor(), "MARKET_SETTLED", "MARKET", market.id())
                        .withNote(blankToNull(cmd.reason()))
                        .with("winningOutcomeId", winner.id())
                        .with("winningOutcomeCode", winner.code())
                        .with("oldStatus", market.status())
                        .with("newStatus", MarketStatus.SETTLED));
                facts.publishEvent(new MarketStatusChanged(market.id(), eventId, market.status(), MarketStatus.SETTLED));
                facts.publishEvent(new MarketSettled(market.id(), eventId, winner.id(), false));
                EventStatus eventStatus = finishEvent(event, now);
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
                        old.settledAt(), SettlementView.Change.CORRECTED, event.status());
            }
            case UNCHANGED -> {
                SettlementRow same = current.orElseThrow();
                yield new SettlementView(market.id(), eventId, MarketStatus.SETTLED, same.winningOutcomeId(),
                        same.winningOutcomeCode(), same.settledAt(), SettlementView.Change.UNCHANGED, event.status());
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
        UUID eventId = settlements.eventOf(cmd.marketId())
                .orElseThrow(() -> Refusal.notFound("market", cmd.marketId()));
        EventRow event = settlements.lockEvent(eventId);
        MarketRow market = settlements.lockMarket(cmd.marketId());
        return switch (SettlementRules.voidMarket(market.status())) {
            case VOID -> {
                settlements.setMarketStatus(market.id(), MarketStatus.VOID);
                audit.record(AuditEntry.of(cmd.actor(), "MARKET_VOIDED", "MARKET", market.id())
                        .withNote(cmd.reason())
                        .with("oldStatus", market.status())
                        .with("newStatus", MarketStatus.VOID));
                facts.publishEvent(new MarketStatusChanged(market.id(), eventId, market.status(), MarketStatus.VOID));
                EventStatus eventStatus = finishEvent(event, clock.instant());
                yield new VoidView(market.id(), eventId, MarketStatus.VOID, VoidView.Change.VOIDED, eventStatus);
            }
            case UNCHANGED -> new VoidView(market.id(), eventId, MarketStatus.VOID, VoidView.Change.UNCHANGED,
                    event.status());
            case NOT_VOIDABLE -> throw Refusal.invalidTransition("market", market.id(),
                    market.status().name(), "void");
        };
    }

    /** Runs with the event row locked, so two markets closing at once cannot both miss the last one. */
    private EventStatus finishEvent(EventRow event, Instant now) {
        MarketCounts counts = settlements.marketCounts(event.id());
        if (!SettlementRules.eventIsFinished(event.status(), !now.isBefore(event.lockAt()), counts.closed(),
                counts.unclosed())) {
            return event.status();
        }
        settlements.setEventStatus(event.id(), EventStatus.SETTLED);
        audit.record(AuditEntry.of(Actor.system(), "EVENT_SETTLED", "EVENT", event.id())
                .with("oldStatus", event.status())
                .with("newStatus", EventStatus.SETTLED));
        facts.publishEvent(new EventStatusChanged(event.id(), event.status(), EventStatus.SETTLED));
        return EventStatus.SETTLED;
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
     * Row locks are taken event first, then market; a job that locks in the other order can still make this
     * transaction a deadlock victim, which is retried rather than answered with a 500.
     */
    private <T> T inTransaction(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(status -> work.get());
            } catch (PessimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.info("settlement transaction lost a lock race (attempt {}), retrying: {}", attempt, e.getMessage());
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
