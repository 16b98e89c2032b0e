package dev.reveal.demo;

import dev.reveal.platform.Ids;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the demo needs to know about its own rows: demo source refs start with {@code demo-}. */
@Repository
class DemoEvents {

    static final String SOURCE_REF_PREFIX = "demo-";

    private final JdbcClient jdbc;

    DemoEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether an open demo event still locks after {@code after}: then a newcomer has something to predict. */
    boolean hasOpenLockingAfter(Instant after) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM events
                               WHERE source_ref LIKE 'demo-%' AND status = 'OPEN' AND lock_at > ?)
                """).param(java.sql.Timestamp.from(after)).query(Boolean.class).single();
    }

    /** Creates the key when missing (an operator's edits of an existing key are kept); the new key's id, if created. */
    Optional<UUID> insertKeyIfMissing(String keyName, Map<String, String> values) {
        Optional<UUID> created = jdbc.sql("""
                INSERT INTO localization_keys (id, key_name, description) VALUES (?, ?, 'demo content')
                ON CONFLICT (key_name) DO NOTHING
                RETURNING id
                """).params(Ids.newId(), keyName).query(UUID.class).optional();
        created.ifPresent(id -> values.forEach((locale, text) -> jdbc.sql("""
                INSERT INTO localization_values (id, localization_key_id, locale_code, text_value) VALUES (?, ?, ?, ?)
                ON CONFLICT (localization_key_id, locale_code) DO NOTHING
                """).params(Ids.newId(), id, locale, text).update()));
        return created;
    }
}
