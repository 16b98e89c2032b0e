package dev.reveal.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Appends rows to the one audit hash chain of the deployment, under the chain head's row lock. */
@Component
class AuditChain {

    static final UUID HEAD_ID = new UUID(0, 1);

    private final Clock clock;

    AuditChain(Clock clock) {
        this.clock = clock;
    }

    record Pending(UUID id, Instant createdAt, String traceId, AuditEntry entry) {
    }

    void append(JdbcTemplate jdbc, List<Pending> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Object[] head = jdbc.queryForObject("SELECT last_seq, last_hash FROM audit_chain_heads WHERE id = ? FOR UPDATE",
                (rs, n) -> new Object[] {rs.getLong(1), rs.getBytes(2)}, HEAD_ID);
        long seq = (Long) head[0];
        byte[] previous = (byte[]) head[1];
        List<Object[]> logRows = new ArrayList<>(rows.size());
        List<Object[]> attributeRows = new ArrayList<>();
        UUID last = null;
        for (Pending p : rows) {
            AuditEntry e = p.entry();
            seq++;
            byte[] hash = AuditHash.of(previous, new AuditHash.Content(seq, p.id(), p.createdAt(), e.actor().type().name(),
                    e.actor().id(), e.action(), e.targetType(), e.targetId(), p.traceId(), e.note(), e.attributes()));
            logRows.add(new Object[] {p.id(), Timestamp.from(p.createdAt()), e.actor().type().name(), e.actor().id(),
                    e.action(), e.targetType(), e.targetId(), p.traceId(), e.note(), seq, previous, hash});
            for (Map.Entry<String, String> a : e.attributes().entrySet()) {
                attributeRows.add(new Object[] {dev.reveal.platform.Ids.newId(), p.id(), a.getKey(), a.getValue()});
            }
            previous = hash;
            last = p.id();
        }
        jdbc.batchUpdate("""
                INSERT INTO audit_logs (id, created_at, actor_type, actor_id, action_name, target_type, target_id, trace_id,
                    note, chain_seq, prev_hash, row_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, logRows);
        if (!attributeRows.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO audit_log_attributes (id, audit_log_id, attribute_key, attribute_value)
                    VALUES (?, ?, ?, ?)
                    """, attributeRows);
        }
        jdbc.update("UPDATE audit_chain_heads SET last_seq = ?, last_hash = ?, last_audit_log_id = ?, updated_at = ? WHERE id = ?",
                seq, previous, last, Timestamp.from(clock.instant()), HEAD_ID);
        rows.clear();
    }
}
