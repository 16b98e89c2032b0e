package dev.reveal.reports;

import dev.reveal.platform.StaleReads;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The experiment cohorts: sessions started in a range, grouped by their experiment variant. Everything is
 * aggregated by the database; only one row per variant (and per variant and event type) comes back.
 */
@Repository
class Cohorts {

    // The cohort is the set of sessions started in the range; their intents and analytics events count whenever
    // they happened, so a session that straddles the range end is reported whole.
    private static final String COHORT = """
            cohort AS (
                SELECT id, user_id, experiment_variant AS variant, started_at, ended_at
                FROM sessions
                WHERE started_at >= :from AND started_at < :to
            )
            """;

    private final JdbcClient jdbc;

    Cohorts(StaleReads reads) {
        this.jdbc = reads.jdbc();
    }

    List<VariantFigures> figures(TimeRange range) {
        return jdbc.sql("WITH " + COHORT + """
                        , session_figures AS (
                            SELECT variant,
                                   count(DISTINCT user_id) AS users,
                                   count(*) AS sessions,
                                   count(ended_at) AS ended_sessions,
                                   avg(extract(epoch FROM ended_at - started_at)) AS mean_session_seconds
                            FROM cohort
                            GROUP BY variant
                        ), intent_figures AS (
                            SELECT c.variant,
                                   count(*) AS predictions,
                                   count(*) FILTER (WHERE r.accepted) AS accepted,
                                   count(*) FILTER (WHERE r.result = 'WON') AS won,
                                   count(*) FILTER (WHERE r.result IN ('WON', 'LOST')) AS settled
                            FROM cohort c
                            JOIN bet_intents bi ON bi.session_id = c.id
                            JOIN bet_intent_results r ON r.bet_intent_id = bi.id
                            GROUP BY c.variant
                        ), event_figures AS (
                            SELECT c.variant, count(*) AS events
                            FROM cohort c
                            JOIN analytics_events ae ON ae.session_id = c.id
                            GROUP BY c.variant
                        )
                        SELECT s.variant, s.users, s.sessions, s.ended_sessions, s.mean_session_seconds::float8 AS mean_session_seconds,
                               coalesce(i.predictions, 0) AS predictions, coalesce(i.accepted, 0) AS accepted,
                               coalesce(i.won, 0) AS won, coalesce(i.settled, 0) AS settled,
                               coalesce(e.events, 0) AS events
                        FROM session_figures s
                        LEFT JOIN intent_figures i USING (variant)
                        LEFT JOIN event_figures e USING (variant)
                        ORDER BY s.variant
                        """)
                .param("from", range.fromUtc())
                .param("to", range.toUtc())
                .query((rs, n) -> new VariantFigures(rs.getString("variant"), rs.getLong("users"), rs.getLong("sessions"),
                        rs.getLong("ended_sessions"), rs.getObject("mean_session_seconds", Double.class),
                        rs.getLong("predictions"), rs.getLong("accepted"), rs.getLong("won"), rs.getLong("settled"),
                        rs.getLong("events")))
                .list();
    }

    /** variant → event name → events of that type in the variant's sessions. */
    Map<String, Map<String, Long>> eventsByType(TimeRange range) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        jdbc.sql("WITH " + COHORT + """
                        SELECT c.variant, t.event_name, count(*) AS events
                        FROM cohort c
                        JOIN analytics_events ae ON ae.session_id = c.id
                        JOIN analytics_event_types t ON t.id = ae.analytics_event_type_id
                        GROUP BY c.variant, t.event_name
                        ORDER BY c.variant, t.event_name
                        """)
                .param("from", range.fromUtc())
                .param("to", range.toUtc())
                .query(rs -> {
                    counts.computeIfAbsent(rs.getString("variant"), v -> new LinkedHashMap<>())
                            .put(rs.getString("event_name"), rs.getLong("events"));
                });
        return counts;
    }
}
