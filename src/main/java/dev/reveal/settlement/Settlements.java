package dev.reveal.settlement;

import dev.reveal.catalog.EventStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The settlement aggregate's SQL: a market's settlement row. The market's and event's statuses move through the
 * catalog's {@link dev.reveal.catalog.Lifecycle}, which also locks them.
 */
@Repository
class Settlements {

    record OutcomeRow(UUID id, String code) {
    }

    record SettlementRow(UUID winningOutcomeId, String winningOutcomeCode, Instant settledAt) {
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
}
