package dev.reveal.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway V44: chains the audit rows written before the chain existed (in created_at, id order) and creates the chain
 * head. From then on every row is chained as it is written, so an unchained row is one inserted behind the service.
 */
@Component
class AuditChainBackfill implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("44");
    }

    @Override
    public String getDescription() {
        return "chain existing audit rows";
    }

    @Override
    public Integer getChecksum() {
        return 44;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        List<AuditHash.Content> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT id, created_at, actor_type, actor_id, action_name, target_type, target_id, trace_id, note
                FROM audit_logs ORDER BY created_at, id
                """)) {
            long seq = 0;
            while (rs.next()) {
                rows.add(new AuditHash.Content(++seq, rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class),
                        rs.getString(8), rs.getString(9), Map.of()));
            }
        }
        Map<UUID, Map<String, String>> attributes = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT audit_log_id, attribute_key, attribute_value FROM audit_log_attributes")) {
            while (rs.next()) {
                attributes.computeIfAbsent(rs.getObject(1, UUID.class), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
            }
        }
        byte[] previous = AuditHash.GENESIS;
        UUID last = null;
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_append_only");
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE audit_logs SET chain_seq = ?, prev_hash = ?, row_hash = ? WHERE id = ?")) {
            for (AuditHash.Content row : rows) {
                AuditHash.Content full = new AuditHash.Content(row.seq(), row.id(), row.createdAt(), row.actorType(),
                        row.actorId(), row.action(), row.targetType(), row.targetId(), row.traceId(), row.note(),
                        attributes.getOrDefault(row.id(), Map.of()));
                byte[] hash = AuditHash.of(previous, full);
                update.setLong(1, row.seq());
                update.setBytes(2, previous);
                update.setBytes(3, hash);
                update.setObject(4, row.id());
                update.addBatch();
                previous = hash;
                last = row.id();
            }
            update.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_append_only");
        }
        try (PreparedStatement head = c.prepareStatement("""
                INSERT INTO audit_chain_heads (id, last_seq, last_hash, last_audit_log_id, updated_at) VALUES (?, ?, ?, ?, ?)
                """)) {
            head.setObject(1, AuditChain.HEAD_ID);
            head.setLong(2, rows.size());
            head.setBytes(3, previous);
            head.setObject(4, last);
            head.setTimestamp(5, Timestamp.from(Instant.now()));
            head.executeUpdate();
        }
    }
}
