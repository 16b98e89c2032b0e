package dev.reveal.settlement;

import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.MarketStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The settlement aggregate's SQL: a market's settlement row and the status flips it implies for the market and its
 * event. Rows are locked event first, then market, the order in which cancelling an event locks them too.
 */
@Repository
class Settlements {

    record EventRow(UUID id, EventStatus status, Instant lockAt) {
    }

    record MarketRow(UUID id, UUID eventId, MarketStatus status, Instant lockAt) {
    }

    record OutcomeRow(UUID id, String code) {
    }

    record SettlementRow(UUID winningOutcomeId, String winningOutcomeCode, Instant settledAt) {
    }

    record MarketCounts(long closed, long unclosed) {
    }

    private final JdbcClient jdbc;

    Settlements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UUID> eventOf(UUID marketId) {
        return jdbc.sql("SELECT event_id FROM markets WHERE id = ?").param(marketId).query(UUID.class).optional();
    }

    EventStatus eventStatus(UUID eventId) {
        return EventStatus.valueOf(jdbc.sql("SELECT status FROM events WHERE id = ?").param(eventId)
                .query(String.class).single());
    }

    /** NO KEY UPDATE: blocks other status changes but not the key-share locks of bet intents being recorded. */
    EventRow lockEvent(UUID eventId) {
        return jdbc.sql("SELECT id, status, lock_at FROM events WHERE id = ? FOR NO KEY UPDATE")
                .param(eventId)
                .query((rs, n) -> new EventRow(rs.getObject("id", UUID.class), EventStatus.valueOf(rs.getString("status")),
                        rs.getTimestamp("lock_at").toInstant()))
                .single();
    }

    MarketRow lockMarket(UUID marketId) {
        return jdbc.sql("SELECT id, event_id, status, lock_at FROM markets WHERE id = ? FOR NO KEY UPDATE")
                .param(marketId)
                .query((rs, n) -> new MarketRow(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                        MarketStatus.valueOf(rs.getString("status")), rs.getTimestamp("lock_at").toInstant()))
                .single();
    }

    Optional<OutcomeRow> outcomeById(UUID marketId, UUID outcomeId) {
        return jdbc.sql("SELECT id, outcome_code FROM outcomes WHERE market_id = ? AND id = ?")
                .params(marketId, outcomeId)
                .query((rs, n) -> new OutcomeRow(rs.getObject("id", UUID.class), rs.getString("outcome_code")))
                .optional();
    }

    Optional<OutcomeRow> outcomeByCode(UUID marketId, String code) {
        return jdbc.sql("SELECT id, outcome_code FROM outcomes WHERE market_id = ? AND outcome_code = ?")
                .params(marketId, code)
                .query((rs, n) -> new OutcomeRow(rs.getObject("id", UUID.class), rs.getString("outcome_code")))
                .optional();
    }

    Optional<SettlementRow> settlementOf(UUID marketId) {
        return jdbc.sql("""
                        SELECT s.winning_outcome_id, o.outcome_code, s.settled_at
                        FROM settlements s
                        JOIN outcomes o ON o.id = s.winning_outcome_id
                        WHERE s.market_id = ?
                        """)
                .param(marketId)
                .query((rs, n) -> new SettlementRow(rs.getObject("winning_outcome_id", UUID.class),
                        rs.getString("outcome_code"), rs.getTimestamp("settled_at").toInstant()))
                .optional();
    }

    /** The market row is locked, so the conflict clause only guards against a caller that forgot to lock it. */
    boolean insertSettlement(UUID id, UUID marketId, Instant settledAt, UUID winningOutcomeId) {
        return jdbc.sql("""
                        INSERT INTO settlements (id, market_id, settled_at, winning_outcome_id)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT (market_id) DO NOTHING
                        RETURNING id
                        """)
                .params(id, marketId, Timestamp.from(settledAt), winningOutcomeId)
                .query(UUID.class).optional().isPresent();
    }

    /** A correction keeps settled_at: streaks and leaderboard periods stay anchored to when the market settled. */
    void replaceWinner(UUID marketId, UUID winningOutcomeId) {
        jdbc.sql("UPDATE settlements SET winning_outcome_id = ? WHERE market_id = ?")
                .params(winningOutcomeId, marketId).update();
    }

    void setMarketStatus(UUID marketId, MarketStatus status) {
        jdbc.sql("UPDATE markets SET status = ? WHERE id = ?").params(status.name(), marketId).update();
    }

    MarketCounts marketCounts(UUID eventId) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE status IN ('SETTLED', 'VOID')) AS closed,
                               count(*) FILTER (WHERE status NOT IN ('SETTLED', 'VOID')) AS unclosed
                        FROM markets WHERE event_id = ?
                        """)
                .param(eventId)
                .query((rs, n) -> new MarketCounts(rs.getLong("closed"), rs.getLong("unclosed")))
                .single();
    }

    void setEventStatus(UUID eventId, EventStatus status) {
        jdbc.sql("UPDATE events SET status = ? WHERE id = ?").params(status.name(), eventId).update();
    }
}
