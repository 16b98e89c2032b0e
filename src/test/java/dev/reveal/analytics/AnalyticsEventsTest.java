package dev.reveal.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.SliceDatabase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.jdbc.Sql;

/** The analytics event repository alone, on the real PostgreSQL, with a player, a session and a type as fixture. */
@JdbcTest
@SliceDatabase
@Import(AnalyticsEvents.class)
@Sql("player-with-session.sql")
class AnalyticsEventsTest {

    static final UUID USER = UUID.fromString("00000000-0000-7000-8000-00000000a001");
    static final UUID SESSION = UUID.fromString("00000000-0000-7000-8000-00000000a002");
    static final UUID TYPE = UUID.fromString("00000000-0000-7000-8000-00000000a003");

    @Autowired
    AnalyticsEvents events;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aBatchIsStoredWithEveryAttributeAsARow() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("clipId", "c-1");
        attributes.put("position", "3");
        Instant at = Instant.parse("2026-01-01T12:00:05.123456Z");

        int attributeRows = events.insert(SESSION, USER, List.of(
                new IngestionRules.Accepted(0, TYPE, at, attributes),
                new IngestionRules.Accepted(1, TYPE, at.plusSeconds(1), Map.of())));

        assertThat(attributeRows).isEqualTo(2);
        assertThat(jdbc.queryForList("""
                SELECT occurred_at FROM analytics_events WHERE session_id = ? AND user_id = ? AND analytics_event_type_id = ?
                ORDER BY occurred_at""", java.sql.Timestamp.class, SESSION, USER, TYPE))
                .extracting(java.sql.Timestamp::toInstant).containsExactly(at, at.plusSeconds(1));
        assertThat(jdbc.queryForMap("""
                SELECT string_agg(a.attribute_key || '=' || a.attribute_value, ',' ORDER BY a.attribute_key) AS pairs
                FROM analytics_event_attributes a JOIN analytics_events e ON e.id = a.analytics_event_id
                WHERE e.session_id = ?""", SESSION)).containsEntry("pairs", "clipId=c-1,position=3");
    }

    @Test
    void aBatchWithoutAttributesWritesNoAttributeRow() {
        assertThat(events.insert(SESSION, USER, List.of(new IngestionRules.Accepted(0, TYPE, Instant.now(), Map.of()))))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM analytics_events WHERE session_id = ?", Long.class, SESSION))
                .isEqualTo(1);
    }
}
