package dev.reveal.reports;

import dev.reveal.platform.StaleReads;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts of analytics events: per type and UTC day, and sessions reaching each step of a funnel. */
@Repository
class EventCounts {

    record DailyCount(LocalDate day, String eventName, long events) {
    }

    private final JdbcClient jdbc;

    EventCounts(StaleReads reads) {
        this.jdbc = reads.jdbc();
    }

    List<DailyCount> perTypeAndDay(TimeRange range) {
        return jdbc.sql("""
                        SELECT (ae.occurred_at AT TIME ZONE 'UTC')::date AS day, t.event_name, count(*) AS events
                        FROM analytics_events ae
                        JOIN analytics_event_types t ON t.id = ae.analytics_event_type_id
                        WHERE ae.occurred_at >= :from AND ae.occurred_at < :to
                        GROUP BY 1, 2
                        ORDER BY 1, 2
                        """)
                .param("from", range.fromUtc())
                .param("to", range.toUtc())
                .query((rs, n) -> new DailyCount(rs.getObject("day", LocalDate.class), rs.getString("event_name"),
                        rs.getLong("events")))
                .list();
    }

    Set<String> registered(List<String> eventNames) {
        return Set.copyOf(jdbc.sql("SELECT event_name FROM analytics_event_types WHERE event_name = ANY(CAST(:names AS text[]))")
                .param("names", eventNames.toArray(String[]::new))
                .query(String.class)
                .list());
    }

    /**
     * Sessions reaching each step: step 1 is the session's first event of the first type in the range, step k the
     * earliest event of type k at or after step k−1's time. Taking the earliest match at each step is what lets
     * the most sessions through, so a session counts at step k exactly when its events of steps 1..k occur in
     * that (non-decreasing) order. One index probe per session and step via {@code (session_id, type, occurred_at)}.
     *
     * @return step number (1-based) → sessions that reached it; steps no session reached are absent
     */
    Map<Integer, Long> funnel(TimeRange range, List<String> steps) {
        Map<Integer, Long> reached = new HashMap<>();
        jdbc.sql("""
                        WITH RECURSIVE steps AS (
                            SELECT t.id AS type_id, s.ord::int AS ord
                            FROM unnest(CAST(:steps AS text[])) WITH ORDINALITY AS s(event_name, ord)
                            JOIN analytics_event_types t ON t.event_name = s.event_name
                        ), reached AS (
                            SELECT ae.session_id, 1 AS step, min(ae.occurred_at) AS at
                            FROM analytics_events ae
                            JOIN steps st ON st.ord = 1 AND st.type_id = ae.analytics_event_type_id
                            WHERE ae.occurred_at >= :from AND ae.occurred_at < :to
                            GROUP BY ae.session_id
                          UNION ALL
                            SELECT r.session_id, r.step + 1, next_step.at
                            FROM reached r
                            JOIN steps st ON st.ord = r.step + 1
                            CROSS JOIN LATERAL (
                                SELECT ae.occurred_at AS at
                                FROM analytics_events ae
                                WHERE ae.session_id = r.session_id
                                  AND ae.analytics_event_type_id = st.type_id
                                  AND ae.occurred_at >= r.at AND ae.occurred_at < :to
                                ORDER BY ae.occurred_at
                                LIMIT 1
                            ) next_step
                        )
                        SELECT step, count(*) AS sessions FROM reached GROUP BY step
                        """)
                .param("steps", steps.toArray(String[]::new))
                .param("from", range.fromUtc())
                .param("to", range.toUtc())
                .query(rs -> {
                    reached.put(rs.getInt("step"), rs.getLong("sessions"));
                });
        return reached;
    }
}
