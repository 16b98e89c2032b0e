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
class EventTypes {

    private final JdbcClient jdbc;

    EventTypes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The new type, or empty when the name is taken (the unique key decides, also under concurrency). */
    Optional<EventType> insert(UUID id, String eventName, String description) {
        return jdbc.sql("""
                        INSERT INTO analytics_event_types (id, event_name, description)
                        VALUES (:id, :name, :description)
                        ON CONFLICT (event_name) DO NOTHING
                        RETURNING id, event_name, description
                        """)
                .param("id", id)
                .param("name", eventName)
                .param("description", description)
                .query(EventTypes::map)
                .optional();
    }

    Optional<EventType> byId(UUID id) {
        return jdbc.sql("SELECT id, event_name, description FROM analytics_event_types WHERE id = :id")
                .param("id", id)
                .query(EventTypes::map)
                .optional();
    }

    List<EventType> all() {
        return jdbc.sql("SELECT id, event_name, description FROM analytics_event_types ORDER BY event_name")
                .query(EventTypes::map)
                .list();
    }

    Map<String, UUID> idsByName(Collection<String> names) {
        return jdbc.sql("SELECT id, event_name FROM analytics_event_types WHERE event_name = ANY(CAST(:names AS text[]))")
                .param("names", names.toArray(String[]::new))
                .query((rs, n) -> Map.entry(rs.getString("event_name"), rs.getObject("id", UUID.class)))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static EventType map(ResultSet rs, int row) throws SQLException {
        return new EventType(rs.getObject("id", UUID.class), rs.getString("event_name"), rs.getString("description"));
    }
}
