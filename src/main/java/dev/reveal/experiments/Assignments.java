package dev.reveal.experiments;

import dev.reveal.platform.Ids;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Assignments {

    private final JdbcClient jdbc;

    Assignments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> variantOf(UUID userId) {
        return jdbc.sql("SELECT variant FROM experiment_assignments WHERE user_id = ?")
                .param(userId).query(String.class).optional();
    }

    /** The stored variant when this call made the assignment; empty when the user already had one. */
    Optional<String> insertIfAbsent(UUID userId, UUID sessionId, String variant, Instant at) {
        return jdbc.sql("""
                        INSERT INTO experiment_assignments (id, user_id, session_id, variant, assigned_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (user_id) DO NOTHING
                        RETURNING variant
                        """)
                .params(Ids.newId(), userId, sessionId, variant, Timestamp.from(at))
                .query(String.class).optional();
    }
}
