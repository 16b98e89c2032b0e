package dev.reveal.players;

import dev.reveal.platform.Ids;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Users {

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The user of this external ref, created on first sight; language and platform follow the latest session.
     * DO UPDATE (not DO NOTHING) so that RETURNING yields the id in one round trip, also for a racing first sight.
     */
    UUID upsert(String externalRef, String language, DevicePlatform platform, Instant now) {
        return jdbc.sql("""
                        INSERT INTO users (id, external_ref, created_at, preferred_language, device_platform)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (external_ref) DO UPDATE
                            SET preferred_language = EXCLUDED.preferred_language,
                                device_platform = EXCLUDED.device_platform
                        RETURNING id
                        """)
                .params(Ids.newId(), externalRef, Timestamp.from(now), language, platform.name())
                .query(UUID.class).single();
    }

    Optional<UUID> idOf(String externalRef) {
        return jdbc.sql("SELECT id FROM users WHERE external_ref = ?").param(externalRef).query(UUID.class).optional();
    }
}
