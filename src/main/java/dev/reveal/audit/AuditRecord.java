package dev.reveal.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One audit row as the query returns it, with its attributes (such as oldStatus and newStatus). */
record AuditRecord(UUID id, Instant createdAt, String actorType, String actorId, String action, String targetType,
                   UUID targetId, String traceId, String note, Map<String, String> attributes) {

    AuditRecord withAttributes(Map<String, String> attrs) {
        return new AuditRecord(id, createdAt, actorType, actorId, action, targetType, targetId, traceId, note, attrs);
    }
}
