package dev.reveal.settlement.results;

import dev.reveal.platform.StaleReads;
import dev.reveal.settlement.results.MarketStats.OutcomeStats;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts over one market's bet intents, all aggregated in SQL. */
@Repository
class MarketTallies {

    record Totals(UUID marketId, String status, Instant lockAt, UUID winningOutcomeId, long intents,
                  long acceptedIntents, long players, Long medianMsBeforeLock) {
    }

    private final JdbcClient jdbc;

    MarketTallies(StaleReads reads) {
        this.jdbc = reads.jdbc();
    }

    Optional<Totals> totals(UUID marketId) {
        return jdbc.sql("""
                        SELECT m.id, m.status, m.lock_at, s.winning_outcome_id,
                               count(bi.id) AS intents,
                               count(bi.id) FILTER (WHERE bi.accepted) AS accepted_intents,
                               count(DISTINCT bi.user_id) FILTER (WHERE bi.accepted) AS players,
                               round(percentile_cont(0.5) WITHIN GROUP (
                                   ORDER BY extract(epoch FROM m.lock_at - bi.server_received_at) * 1000)
                                   FILTER (WHERE bi.accepted)) AS median_ms
                        FROM markets m
                        LEFT JOIN settlements s ON s.market_id = m.id
                        LEFT JOIN bet_intents bi ON bi.market_id = m.id
                        WHERE m.id = :market
                        GROUP BY m.id, s.winning_outcome_id
                        """)
                .param("market", marketId)
                .query((rs, n) -> {
                    Long median = rs.getObject("median_ms") == null ? null : rs.getLong("median_ms");
                    return new Totals(rs.getObject("id", UUID.class), rs.getString("status"),
                            rs.getTimestamp("lock_at").toInstant(), rs.getObject("winning_outcome_id", UUID.class),
                            rs.getLong("intents"), rs.getLong("accepted_intents"), rs.getLong("players"), median);
                })
                .optional();
    }

    List<OutcomeStats> byOutcome(UUID marketId) {
        return jdbc.sql("""
                        WITH market_players AS (
                            SELECT count(DISTINCT user_id) AS n FROM bet_intents WHERE market_id = :market AND accepted
                        )
                        SELECT o.id, o.outcome_code,
                               count(bi.id) AS intents,
                               count(bi.id) FILTER (WHERE bi.accepted) AS accepted_intents,
                               count(DISTINCT bi.user_id) FILTER (WHERE bi.accepted) AS players,
                               round(count(DISTINCT bi.user_id) FILTER (WHERE bi.accepted)::numeric
                                     / nullif((SELECT n FROM market_players), 0), 4) AS player_share
                        FROM outcomes o
                        LEFT JOIN bet_intents bi ON bi.market_id = o.market_id AND bi.outcome_id = o.id
                        WHERE o.market_id = :market
                        GROUP BY o.id
                        ORDER BY o.sort_order, o.outcome_code
                        """)
                .param("market", marketId)
                .query((rs, n) -> new OutcomeStats(rs.getObject("id", UUID.class), rs.getString("outcome_code"),
                        rs.getLong("intents"), rs.getLong("accepted_intents"), rs.getLong("players"),
                        rs.getBigDecimal("player_share")))
                .list();
    }

    Map<String, Long> byAcceptanceCode(UUID marketId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT acceptance_code, count(*) AS intents
                        FROM bet_intents WHERE market_id = :market
                        GROUP BY acceptance_code ORDER BY acceptance_code
                        """)
                .param("market", marketId)
                .query(rs -> {
                    counts.put(rs.getString("acceptance_code"), rs.getLong("intents"));
                });
        return counts;
    }
}
