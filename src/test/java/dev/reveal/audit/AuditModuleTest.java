package dev.reveal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.platform.Actor;
import dev.reveal.support.SliceDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audit with only the platform (for its clock and stale reads) on the slice database: an audited write commits
 * its row chained at commit, a rolled-back one leaves nothing, and the chain verifies. Audit publishes and listens to
 * no facts, so there is no Scenario. Tests commit: each uses a target of its own.
 */
// platform lends the clock and stale reads: Modulith drops a test's own bean of a type from a module not included
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.STANDALONE, extraIncludes = "platform")
@SliceDatabase
@ActiveProfiles("test")
class AuditModuleTest {

    private static final Actor OPERATOR = new Actor(Actor.Type.OPERATOR, "op-audit-module");

    @Autowired
    AuditLog audit;
    @Autowired
    AuditTrail trail;
    @Autowired
    AuditVerification verification;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAuditedWriteIsChainedAtCommitAndTheChainVerifies() {
        UUID target = UUID.randomUUID();
        long before = jdbc.queryForObject("SELECT last_seq FROM audit_chain_heads", Long.class);

        UUID id = tx.execute(s -> audit.record(AuditEntry.of(OPERATOR, "MARKET_SUSPENDED", "MARKET", target)
                .with("oldStatus", "OPEN").withNote("module test")));

        assertThat(jdbc.queryForObject("SELECT chain_seq FROM audit_logs WHERE id = ?", Long.class, id)).isGreaterThan(before);
        assertThat(trail.search(AuditQuery.parse("MARKET", target.toString(), null, null, null, null, null, null, null, null))
                .items()).singleElement().satisfies(r -> {
                    assertThat(r.id()).isEqualTo(id);
                    assertThat(r.attributes()).containsEntry("oldStatus", "OPEN");
                    assertThat(r.traceId()).matches("[0-9a-f]{32}");
                });
        AuditVerification.Result result = verification.verify();
        assertThat(result.intact()).as(result.reason()).isTrue();
        assertThat(result.rows()).isGreaterThan(before);
    }

    @Test
    void aRolledBackWriteLeavesNoRowAndTheHeadUnmoved() {
        UUID target = UUID.randomUUID();
        long before = jdbc.queryForObject("SELECT last_seq FROM audit_chain_heads", Long.class);

        tx.executeWithoutResult(s -> {
            audit.record(AuditEntry.of(OPERATOR, "MARKET_SUSPENDED", "MARKET", target));
            s.setRollbackOnly();
        });

        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_logs WHERE target_id = ?", Long.class, target)).isZero();
        assertThat(jdbc.queryForObject("SELECT last_seq FROM audit_chain_heads", Long.class)).isEqualTo(before);
    }
}
