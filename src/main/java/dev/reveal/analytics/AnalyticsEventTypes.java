package dev.reveal.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AnalyticsEventTypes {

    private final JdbcClient jdbc;

    AnalyticsEventTypes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The new type, or empty when the name is taken (the unique key decides, also under concurrency). */
    Optional<AnalyticsEventType> insert(UUID id, String eventName, String description) {
        return jdbc.sql("""
                        INSERT INTO analytics_event_types (id, event_name, description)
                        VALUES (:id, :name, :description)
                        ON CONFLICT (event_name) DO NOTHING
                        RETURNING id, event_name, description
                        """)
                .param("id", id)
                .param("name", eventName)
                .param("description", description)
                .query(AnalyticsEventTypes::map)
                .optional();
    }

    Optional<AnalyticsEventType> byId(UUID id) {
        return jdbc.sql("SELECT id, event_name, description FROM analytics_event_types WHERE id = :id")
                .param("id", id)
                .query(AnalyticsEventTypes::map)
                .optional();
    }

    List<AnalyticsEventType> all() {
        return jdbc.sql("SELECT id, event_name, description FROM analytics_event_types ORDER BY event_name")
                .query(AnalyticsEventTypes::map)
                .list();
    }

    Map<String, UUID> idsByName(Collection<String> names) {
        return jdbc.sql("SELECT id, event_name FROM analytics_event_types WHERE event_name = ANY(CAST(:names AS text[]))")
                .param("names", names.toArray(String[]::new))
                .query((rs, n) -> Map.entry(rs.getString("event_name"), rs.getObject("id", UUID.class)))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static AnalyticsEventType map(ResultSet rs, int row) throws SQLException {
        return new AnalyticsEventType(rs.getObject("id", UUID.class), rs.getString("event_name"), rs.getString("description"));
    }
}
