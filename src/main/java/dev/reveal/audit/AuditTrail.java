package dev.reveal.audit;

import dev.reveal.platform.Cursor;
import dev.reveal.platform.Page;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Answers "who did what, when" from the audit trail. */
@Service
class AuditTrail {

    private final AuditLogs auditLogs;

    AuditTrail(AuditLogs auditLogs) {
        this.auditLogs = auditLogs;
    }

    @Transactional(readOnly = true)
    public Page<AuditRecord> search(AuditQuery query) {
        // One row more than asked tells whether another page exists without a count query.
        List<AuditRecord> rows = auditLogs.search(query, query.limit() + 1);
        if (rows.size() <= query.limit()) {
            return new Page<>(rows, null);
        }
        List<AuditRecord> page = rows.subList(0, query.limit());
        AuditRecord last = page.get(page.size() - 1);
        return new Page<>(List.copyOf(page), new Cursor(last.createdAt(), last.id()).encode());
    }
}
