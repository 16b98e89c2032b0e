package dev.reveal.audit;

import dev.reveal.platform.StaleReads;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the audit trail. Only the filters given become SQL conditions, so each search can use the index that
 * fits it ({@code (target_type, target_id, created_at, id)}, {@code (actor_type, actor_id, ...)}, trace id,
 * action or created_at); rows come newest first and continue after the cursor's {@code (created_at, id)}.
 */
@Repository
class AuditLogs {

    private final JdbcClient jdbc;

    AuditLogs(StaleReads reads) {
        this.jdbc = reads.jdbc();
    }

    /** Up to {@code max} rows matching the query, newest first, each with its attributes. */
    List<AuditRecord> search(AuditQuery q, int max) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, created_at, actor_type, actor_id, action_name, target_type, target_id, trace_id, note
                FROM audit_logs
                WHERE true
                """);
        Map<String, Object> params = new HashMap<>();
        condition(sql, params, "target_type = :targetType", "targetType", q.targetType());
        condition(sql, params, "target_id = :targetId", "targetId", q.targetId());
        condition(sql, params, "actor_type = :actorType", "actorType", q.actorType() == null ? null : q.actorType().name());
        condition(sql, params, "actor_id = :actorId", "actorId", q.actorId());
        condition(sql, params, "action_name = :action", "action", q.action());
        condition(sql, params, "trace_id = :traceId", "traceId", q.traceId());
        condition(sql, params, "created_at >= :from", "from", q.from() == null ? null : q.from().atOffset(ZoneOffset.UTC));
        condition(sql, params, "created_at < :to", "to", q.to() == null ? null : q.to().atOffset(ZoneOffset.UTC));
        if (q.after() != null) {
            sql.append(" AND (created_at, id) < (:afterAt, :afterId)\n");
            params.put("afterAt", q.after().at().atOffset(ZoneOffset.UTC));
            params.put("afterId", q.after().id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :max");
        params.put("max", max);
        List<AuditRecord> rows = jdbc.sql(sql.toString()).params(params).query(AuditLogs::map).list();
        return withAttributes(rows);
    }

    /** The attributes of a whole page in one query. */
    private List<AuditRecord> withAttributes(List<AuditRecord> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<UUID, Map<String, String>> byLog = new HashMap<>();
        jdbc.sql("""
                        SELECT audit_log_id, attribute_key, attribute_value
                        FROM audit_log_attributes
                        WHERE audit_log_id = ANY(CAST(:ids AS uuid[]))
                        ORDER BY attribute_key
                        """)
                .param("ids", rows.stream().map(r -> r.id().toString()).toArray(String[]::new))
                .query(rs -> {
                    byLog.computeIfAbsent(rs.getObject("audit_log_id", UUID.class), id -> new LinkedHashMap<>())
                            .put(rs.getString("attribute_key"), rs.getString("attribute_value"));
                });
        List<AuditRecord> result = new ArrayList<>(rows.size());
        for (AuditRecord row : rows) {
            result.add(row.withAttributes(byLog.getOrDefault(row.id(), Map.of())));
        }
        return result;
    }

    private static void condition(StringBuilder sql, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause).append('\n');
            params.put(name, value);
        }
    }

    private static AuditRecord map(ResultSet rs, int row) throws SQLException {
        return new AuditRecord(rs.getObject("id", UUID.class), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor_type"), rs.getString("actor_id"), rs.getString("action_name"), rs.getString("target_type"),
                rs.getObject("target_id", UUID.class), rs.getString("trace_id"), rs.getString("note"), Map.of());
    }
}
