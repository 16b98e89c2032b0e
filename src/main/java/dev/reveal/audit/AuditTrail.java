package dev.reveal.audit;

import dev.reveal.platform.Cursor;
import dev.reveal.platform.Page;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Answers who did what and when from the audit trail. */
@Service
class AuditTrail {

    private final AuditLogs auditLogs;

    AuditTrail(AuditLogs auditLogs) {
        this.auditLogs = auditLogs;
    }

    @Transactional(readOnly = true)
    public Page<AuditRecord> search(AuditQuery query) {
        return Page.fetch(query.limit(), rows -> auditLogs.search(query, rows),
                last -> new Cursor(last.createdAt(), last.id()).encode());
    }
}
