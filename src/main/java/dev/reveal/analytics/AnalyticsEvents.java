package dev.reveal.analytics;

import dev.reveal.platform.Ids;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Stored analytics events and their attribute rows. A batch is written with two statements whatever its size:
 * each column travels as one array parameter and {@code unnest} turns the arrays back into rows.
 */
@Repository
class AnalyticsEvents {

    private final JdbcTemplate jdbc;

    AnalyticsEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the number of attribute rows written */
    int insert(UUID sessionId, UUID userId, List<IngestionRules.Accepted> events) {
        int n = events.size();
        UUID[] ids = new UUID[n];
        UUID[] typeIds = new UUID[n];
        OffsetDateTime[] occurredAt = new OffsetDateTime[n];
        List<UUID> attributeIds = new ArrayList<>();
        List<UUID> attributeEventIds = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            IngestionRules.Accepted event = events.get(i);
            ids[i] = Ids.newId();
            typeIds[i] = event.typeId();
            occurredAt[i] = event.occurredAt().atOffset(ZoneOffset.UTC);
            for (Map.Entry<String, String> a : event.attributes().entrySet()) {
                attributeIds.add(Ids.newId());
                attributeEventIds.add(ids[i]);
                keys.add(a.getKey());
                values.add(a.getValue());
            }
        }
        jdbc.update(con -> statement(con, """
                INSERT INTO analytics_events (id, analytics_event_type_id, session_id, user_id, occurred_at)
                SELECT e.id, e.type_id, ?, ?, e.occurred_at
                FROM unnest(?::uuid[], ?::uuid[], ?::timestamptz[]) AS e(id, type_id, occurred_at)
                """, sessionId, userId, array(con, "uuid", ids), array(con, "uuid", typeIds),
                array(con, "timestamptz", occurredAt)));
        if (attributeIds.isEmpty()) {
            return 0;
        }
        return jdbc.update(con -> statement(con, """
                INSERT INTO analytics_event_attributes (id, analytics_event_id, attribute_key, attribute_value)
                SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[])
                """, array(con, "uuid", attributeIds.toArray()), array(con, "uuid", attributeEventIds.toArray()),
                array(con, "text", keys.toArray()), array(con, "text", values.toArray())));
    }

    private static PreparedStatement statement(Connection con, String sql, Object... params) throws SQLException {
        PreparedStatement ps = con.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }

    private static Array array(Connection con, String type, Object[] elements) throws SQLException {
        return con.createArrayOf(type, elements);
    }
}
