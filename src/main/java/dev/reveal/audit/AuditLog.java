package dev.reveal.audit;

import dev.reveal.platform.Ids;
import dev.reveal.platform.TraceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes audit rows inside the caller's transaction, so an action and its audit row commit or roll back
 * together. The trace id is the current request's (or background job's).
 */
@Service
public class AuditLog {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AuditLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public UUID record(AuditEntry entry) {
        return recordAll(List.of(entry)).get(0);
    }

    /** Records many entries with two batched statements (used by jobs that flip many rows at once). */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<UUID> recordAll(List<AuditEntry> entries) {
        Timestamp now = Timestamp.from(clock.instant());
        String traceId = TraceContext.traceId();
        List<UUID> ids = new ArrayList<>(entries.size());
        List<Object[]> logRows = new ArrayList<>(entries.size());
        List<Object[]> attributeRows = new ArrayList<>();
        for (AuditEntry e : entries) {
            UUID id = Ids.newId();
            ids.add(id);
            logRows.add(new Object[] {id, now, e.actor().type().name(), e.actor().id(), e.action(), e.targetType(),
                    e.targetId(), traceId, e.note()});
            for (Map.Entry<String, String> a : e.attributes().entrySet()) {
                attributeRows.add(new Object[] {Ids.newId(), id, a.getKey(), a.getValue()});
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO audit_logs (id, created_at, actor_type, actor_id, action_name, target_type, target_id, trace_id, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, logRows);
        if (!attributeRows.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO audit_log_attributes (id, audit_log_id, attribute_key, attribute_value)
                    VALUES (?, ?, ?, ?)
                    """, attributeRows);
        }
        return ids;
    }
}
