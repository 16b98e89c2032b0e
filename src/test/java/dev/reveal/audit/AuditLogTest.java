package dev.reveal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reveal.platform.Actor;
import dev.reveal.support.TestTraces;
import dev.reveal.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

class AuditLogTest extends IntegrationTest {

    @Autowired
    AuditLog auditLog;

    @Autowired
    TransactionTemplate tx;

    @Test
    void recordsActorTargetTraceAndAttributesInTheCallersTransaction() {
        UUID target = UUID.randomUUID();
        String traceId = TestTraces.newTraceId();
        UUID id;
        try (io.opentelemetry.context.Scope ignored = TestTraces.open(traceId)) {
            id = tx.execute(s -> auditLog.record(AuditEntry.of(new Actor(Actor.Type.OPERATOR, "op-1"), "MARKET_SUSPENDED",
                    "MARKET", target).withNote("weather").with("oldStatus", "OPEN").with("newStatus", "SUSPENDED")));
        }
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM audit_logs WHERE id = ?", id);
        assertThat(row).containsEntry("actor_type", "OPERATOR").containsEntry("actor_id", "op-1")
                .containsEntry("action_name", "MARKET_SUSPENDED").containsEntry("target_type", "MARKET")
                .containsEntry("target_id", target).containsEntry("trace_id", traceId).containsEntry("note", "weather");
        assertThat(jdbc.queryForList("SELECT attribute_key || '=' || attribute_value FROM audit_log_attributes WHERE audit_log_id = ? ORDER BY 1",
                String.class, id)).containsExactly("newStatus=SUSPENDED", "oldStatus=OPEN");
    }

    @Test
    void rollsBackWithTheAction() {
        UUID target = UUID.randomUUID();
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            auditLog.record(AuditEntry.of(Actor.system(), "MARKET_LOCKED", "MARKET", target));
            throw new IllegalStateException("the action failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_logs WHERE target_id = ?", Long.class, target)).isZero();
    }

    @Test
    void refusesToWriteOutsideATransaction() {
        assertThatThrownBy(() -> auditLog.record(AuditEntry.of(Actor.system(), "X", "MARKET", UUID.randomUUID())))
                .isInstanceOf(IllegalTransactionStateException.class);
    }
}
