package dev.reveal.players;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

@Repository
class Sessions {

    private static final String COLUMNS = """
            s.id, s.user_id, s.experiment_variant, s.started_at, s.ended_at, s.locale_code,
            s.app_version, s.device_model, s.os_version
            """;

    private final JdbcClient jdbc;

    Sessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    SessionView insert(UUID id, UUID userId, StartSession command, String variant, Instant startedAt) {
        return jdbc.sql("INSERT INTO sessions AS s (id, user_id, started_at, experiment_variant, app_version, device_model, "
                        + "os_version, locale_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS)
                .params(id, userId, Timestamp.from(startedAt), variant, command.appVersion(), command.deviceModel(),
                        command.osVersion(), command.locale())
                .query(Sessions::view).single();
    }

    void changeVariant(UUID sessionId, String variant) {
        jdbc.sql("UPDATE sessions SET experiment_variant = ? WHERE id = ?").params(variant, sessionId).update();
    }

    /** The session when it belongs to the player with this external ref; another player's looks unknown. */
    Optional<SessionView> findOwned(UUID sessionId, String externalRef) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sessions s JOIN users u ON u.id = s.user_id "
                        + "WHERE s.id = ? AND u.external_ref = ?")
                .params(sessionId, externalRef).query(Sessions::view).optional();
    }

    /** Sets ended_at the first time only; a repeated end changes nothing (the caller then reads the stored one). */
    Optional<SessionView> endIfOpen(UUID sessionId, String externalRef, Instant at) {
        return jdbc.sql("UPDATE sessions AS s SET ended_at = GREATEST(?, s.started_at) FROM users u "
                        + "WHERE s.id = ? AND s.ended_at IS NULL AND u.id = s.user_id AND u.external_ref = ? "
                        + "RETURNING " + COLUMNS)
                .params(Timestamp.from(at), sessionId, externalRef).query(Sessions::view).optional();
    }

    Optional<SessionDirectory.SessionOwner> owner(UUID sessionId) {
        return jdbc.sql("SELECT s.user_id, u.external_ref, s.started_at FROM sessions s JOIN users u ON u.id = s.user_id "
                        + "WHERE s.id = ?")
                .param(sessionId)
                .query((rs, n) -> new SessionDirectory.SessionOwner(sessionId, rs.getObject("user_id", UUID.class),
                        rs.getString("external_ref"), instant(rs, "started_at")))
                .optional();
    }

    Set<UUID> ended(Collection<UUID> sessionIds) {
        return new HashSet<>(jdbc.sql("SELECT id FROM sessions WHERE id = ANY(?) AND ended_at IS NOT NULL")
                .param(new SqlArrayValue("uuid", sessionIds.toArray()))
                .query(UUID.class).list());
    }

    private static SessionView view(ResultSet rs, int row) throws SQLException {
        return new SessionView(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("experiment_variant"), instant(rs, "started_at"), instant(rs, "ended_at"),
                rs.getString("locale_code"), rs.getString("app_version"), rs.getString("device_model"),
                rs.getString("os_version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
