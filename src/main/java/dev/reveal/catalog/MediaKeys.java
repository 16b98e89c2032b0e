package dev.reveal.catalog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reveal renditions' AES keys ({@code media_keys}) and what serving them needs to know. */
@Repository
class MediaKeys {

    private final JdbcClient jdbc;

    MediaKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record RevealPlaylist(UUID mediaId, UUID keyId, Instant lockAt) {
    }

    record StoredKey(UUID keyId, UUID mediaId, UUID eventId, byte[] key, Instant lockAt, Instant releasedAt) {
    }

    void insert(UUID mediaId, byte[] key, byte[] iv, Instant now) {
        jdbc.sql("INSERT INTO media_keys (id, event_media_id, key_bytes, iv, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), mediaId, key, iv, Timestamp.from(now)).update();
    }

    Optional<RevealPlaylist> revealPlaylist(String storedUrl) {
        return jdbc.sql("""
                        SELECT em.id, k.id AS key_id, e.lock_at
                        FROM event_media em JOIN events e ON e.id = em.event_id JOIN media_keys k ON k.event_media_id = em.id
                        WHERE em.hls_master_url = ? AND em.media_type = 'REVEAL'
                        """)
                .param(storedUrl)
                .query((rs, n) -> new RevealPlaylist(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant()))
                .optional();
    }

    Optional<StoredKey> find(UUID keyId) {
        return jdbc.sql("""
                        SELECT k.id, em.id AS media_id, e.id AS event_id, k.key_bytes, e.lock_at, k.released_at
                        FROM media_keys k JOIN event_media em ON em.id = k.event_media_id JOIN events e ON e.id = em.event_id
                        WHERE k.id = ?
                        """)
                .param(keyId)
                .query((rs, n) -> new StoredKey(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getBytes(4), rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
                .optional();
    }

    /** True for exactly one caller, however many ask at once: the first release is recorded once. */
    boolean markReleased(UUID keyId, Instant at) {
        return jdbc.sql("UPDATE media_keys SET released_at = ? WHERE id = ? AND released_at IS NULL")
                .params(Timestamp.from(at), keyId).update() == 1;
    }
}
