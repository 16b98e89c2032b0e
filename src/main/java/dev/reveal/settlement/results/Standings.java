package dev.reveal.settlement.results;

import dev.reveal.platform.StaleReads;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Players' standings, computed in SQL from the {@code bet_intent_results} view (the one definition of WON, LOST,
 * VOID and PENDING). Streaks are gaps-and-islands over the settled predictions; ranks are a window function.
 */
@Repository
class Standings {

    record SummaryRow(long predictions, long pending, long voided, long settled, long correct,
                      BigDecimal accuracy, long currentStreak, long bestStreak) {
    }

    record RankRow(long rank, String externalRef, long correct, long settled, BigDecimal accuracy,
                   Instant reachedAt, boolean caller) {
    }

    private final JdbcClient jdbc;
    /** The leaderboard may lag (a standby); a player's own summary reads the primary. */
    private final JdbcClient stale;

    Standings(JdbcClient jdbc, StaleReads reads) {
        this.jdbc = jdbc;
        this.stale = reads.jdbc();
    }

    /**
     * Settled predictions in settlement order (settled_at, then receive time, then id so that the order is total);
     * a run of wins is an island whose members share {@code seq - seq among wins}. The current streak is the run
     * that ends at the latest settled prediction, if that one was a win.
     */
    SummaryRow summary(String externalRef) {
        return jdbc.sql("""
                        WITH mine AS (
                            SELECT r.bet_intent_id, r.result, r.settled_at, r.server_received_at
                            FROM bet_intent_results r
                            JOIN users u ON u.id = r.user_id
                            WHERE u.external_ref = :ref AND r.accepted
                        ),
                        decided AS (
                            SELECT result = 'WON' AS won,
                                   row_number() OVER (ORDER BY settled_at, server_received_at, bet_intent_id) AS seq,
                                   row_number() OVER (PARTITION BY result
                                                      ORDER BY settled_at, server_received_at, bet_intent_id) AS seq_in_result
                            FROM mine
                            WHERE result IN ('WON', 'LOST')
                        ),
                        runs AS (
                            SELECT count(*) AS length, max(seq) AS last_seq
                            FROM decided
                            WHERE won
                            GROUP BY seq - seq_in_result
                        )
                        SELECT (SELECT count(*) FROM mine) AS predictions,
                               (SELECT count(*) FROM mine WHERE result = 'PENDING') AS pending,
                               (SELECT count(*) FROM mine WHERE result = 'VOID') AS voided,
                               (SELECT count(*) FROM decided) AS settled,
                               (SELECT count(*) FROM decided WHERE won) AS correct,
                               (SELECT coalesce(max(length), 0) FROM runs) AS best_streak,
                               (SELECT coalesce(max(length), 0) FROM runs
                                WHERE last_seq = (SELECT max(seq) FROM decided)) AS current_streak
                        """)
                .param("ref", externalRef)
                .query((rs, n) -> {
                    long settled = rs.getLong("settled");
                    long correct = rs.getLong("correct");
                    return new SummaryRow(rs.getLong("predictions"), rs.getLong("pending"), rs.getLong("voided"),
                            settled, correct, Accuracy.of(correct, settled), rs.getLong("current_streak"),
                            rs.getLong("best_streak"));
                })
                .single();
    }

    /**
     * Ranks every player with a settled prediction in the period: correct desc, accuracy desc, earliest reach (the
     * settlement time of their last correct prediction in the period), then user id so that ranks are unique and
     * stable. Returns the top {@code limit} and the caller's row wherever it ranks.
     */
    List<RankRow> leaderboard(Instant since, int limit, String callerRef) {
        return stale.sql("""
                        WITH scores AS (
                            SELECT r.user_id,
                                   count(*) FILTER (WHERE r.result = 'WON') AS correct,
                                   count(*) AS settled,
                                   max(r.settled_at) FILTER (WHERE r.result = 'WON') AS reached_at
                            FROM bet_intent_results r
                            WHERE r.settled_at >= :since AND r.result IN ('WON', 'LOST')
                            GROUP BY r.user_id
                        ),
                        ranked AS (
                            SELECT user_id, correct, settled, reached_at,
                                   row_number() OVER (ORDER BY correct DESC, correct::numeric / settled DESC,
                                                      reached_at ASC NULLS LAST, user_id) AS rank
                            FROM scores
                        )
                        SELECT r.rank, u.external_ref, r.correct, r.settled, r.reached_at, u.external_ref = :ref AS caller
                        FROM ranked r
                        JOIN users u ON u.id = r.user_id
                        WHERE r.rank <= :limit
                           OR r.user_id = (SELECT id FROM users WHERE external_ref = :ref)
                        ORDER BY r.rank
                        """)
                .param("since", Timestamp.from(since))
                .param("limit", limit)
                .param("ref", callerRef)
                .query((rs, n) -> {
                    Timestamp reached = rs.getTimestamp("reached_at");
                    long correct = rs.getLong("correct");
                    long settled = rs.getLong("settled");
                    return new RankRow(rs.getLong("rank"), rs.getString("external_ref"), correct, settled,
                            Accuracy.of(correct, settled), reached == null ? null : reached.toInstant(),
                            rs.getBoolean("caller"));
                })
                .list();
    }
}
