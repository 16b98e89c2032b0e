package dev.reveal.audit;

import dev.reveal.platform.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit log", description = "Who did what, when (operator role)")
class AuditQueryController {

    private final AuditTrail trail;
    private final AuditVerification verification;

    AuditQueryController(AuditTrail trail, AuditVerification verification) {
        this.trail = trail;
        this.verification = verification;
    }

    @GetMapping("/admin/v1/audit-logs/verification")
    @Operation(summary = "Recompute the audit hash chain and name the first broken row (intact: true when it holds)")
    AuditVerification.Result verify() {
        return verification.verify();
    }

    @GetMapping("/admin/v1/audit-logs")
    @Operation(summary = "Search the audit trail, newest first, with keyset pagination (limit 1..200, default 50)")
    Page<AuditRecord> search(
            @Parameter(example = "MARKET") @RequestParam(required = false) String targetType,
            @Parameter(description = "a UUID") @RequestParam(required = false) String targetId,
            @Parameter(description = "OPERATOR, SYSTEM or PLAYER") @RequestParam(required = false) String actorType,
            @Parameter(description = "the operator's or player's token subject") @RequestParam(required = false) String actorId,
            @Parameter(example = "MARKET_SUSPENDED") @RequestParam(required = false) String action,
            @Parameter(description = "the 32-hex W3C trace id of the request") @RequestParam(required = false) String traceId,
            @Parameter(description = "inclusive ISO-8601 instant") @RequestParam(required = false) String from,
            @Parameter(description = "exclusive ISO-8601 instant") @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor) {
        return trail.search(AuditQuery.parse(targetType, targetId, actorType, actorId, action, traceId, from, to, limit, cursor));
    }
}
