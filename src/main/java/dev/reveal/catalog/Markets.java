package dev.reveal.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Market status moves: one at a time by operators, in sets by event publish/cancel and the lifecycle job. */
@Repository
class Markets {

    private final JdbcClient jdbc;

    Markets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A market whose status moved, with the status it had before. */
    record Flip(UUID marketId, UUID eventId, MarketStatus oldStatus) {
    }

    Optional<UUID> eventOf(UUID id) {
        return jdbc.sql("SELECT event_id FROM markets WHERE id = ?").param(id).query(UUID.class).optional();
    }

    /** The market row, locked until the transaction ends; only {@link Lifecycle} calls this (its lock order). */
    Optional<Events.MarketRow> lock(UUID id) {
        return jdbc.sql("SELECT * FROM markets WHERE id = ? FOR NO KEY UPDATE").param(id).query(Events::marketRow).optional();
    }

    List<UUID> idsOfEvent(UUID eventId) {
        return jdbc.sql("SELECT id FROM markets WHERE event_id = ?").param(eventId).query(UUID.class).list();
    }

    record OutcomeCode(UUID id, String code) {
    }

    List<OutcomeCode> outcomes(UUID marketId) {
        return jdbc.sql("SELECT id, outcome_code FROM outcomes WHERE market_id = ? ORDER BY sort_order, outcome_code")
                .param(marketId)
                .query((rs, n) -> new OutcomeCode(rs.getObject("id", UUID.class), rs.getString("outcome_code")))
                .list();
    }

    /** Markets of an event that are closed (settled or void) and that are not. */
    record Counts(long closed, long unclosed) {
    }

    Counts counts(UUID eventId) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE status IN ('SETTLED', 'VOID')) AS closed,
                               count(*) FILTER (WHERE status NOT IN ('SETTLED', 'VOID')) AS unclosed
                        FROM markets WHERE event_id = ?
                        """)
                .param(eventId)
                .query((rs, n) -> new Counts(rs.getLong("closed"), rs.getLong("unclosed")))
                .single();
    }

    void setStatus(UUID id, MarketStatus status) {
        jdbc.sql("UPDATE markets SET status = ? WHERE id = ?").params(status.name(), id).update();
    }

    /** Moves an event's markets from one of {@code from} to {@code to}; the sub-select remembers each old status. */
    List<Flip> moveEventMarkets(UUID eventId, List<MarketStatus> from, MarketStatus to) {
        return jdbc.sql("""
                        UPDATE markets m SET status = :to
                        FROM (SELECT id, status FROM markets WHERE event_id = :event AND status IN (:from) FOR NO KEY UPDATE) old
                        WHERE m.id = old.id
                        RETURNING m.id, m.event_id, old.status AS old_status
                        """)
                .param("to", to.name()).param("event", eventId).param("from", from.stream().map(Enum::name).toList())
                .query((rs, n) -> new Flip(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                        MarketStatus.valueOf(rs.getString("old_status"))))
                .list();
    }

    /**
     * Flips due OPEN/SUSPENDED markets to LOCKED. Safe with several instances: rows another transaction holds are
     * skipped, and the status re-check in the outer WHERE means a market flips (and is audited) once.
     */
    List<Flip> lockDue(Instant now, int batch) {
        return jdbc.sql("""
                        UPDATE markets m SET status = 'LOCKED'
                        FROM (SELECT id, status FROM markets WHERE status IN ('OPEN', 'SUSPENDED') AND lock_at <= ?
                              ORDER BY lock_at LIMIT ? FOR NO KEY UPDATE SKIP LOCKED) old
                        WHERE m.id = old.id AND m.status IN ('OPEN', 'SUSPENDED')
                        RETURNING m.id, m.event_id, old.status AS old_status
                        """)
                .params(Events.ts(now), batch)
                .query((rs, n) -> new Flip(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                        MarketStatus.valueOf(rs.getString("old_status"))))
                .list();
    }
}
