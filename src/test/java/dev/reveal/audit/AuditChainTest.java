package dev.reveal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.reveal.RevealApplication;
import dev.reveal.platform.Actor;
import dev.reveal.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail is tamper-evident: altering, deleting or inserting a row directly in SQL (as someone with database
 * access and the append-only triggers switched off would) makes verification fail and name the row. Each tampering
 * happens in a transaction that verification reads and that is then rolled back, so the shared database stays intact.
 */
class AuditChainTest extends IntegrationTest {

    @Autowired
    AuditLog audit;

    @Autowired
    AuditVerification verification;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    DataSource dataSource;

    @Test
    void concurrentWritersFormOneUnbrokenChain() throws Exception {
        long before = count("audit_logs");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    tx.executeWithoutResult(s -> audit.recordAll(List.of(entry("CHAIN_RACE"), entry("CHAIN_RACE"))));
                }
            }));
        }
        for (Future<?> w : writers) {
            w.get();
        }
        pool.shutdown();
        assertThat(count("audit_logs")).isEqualTo(before + 160);
        assertThat(jdbc.queryForObject("SELECT max(chain_seq) - count(*) FROM audit_logs", Long.class)).isZero();
        AuditVerification.Result result = verification.verify();
        assertThat(result.intact()).as(result.reason()).isTrue();
    }

    @Test
    void anAlteredRowIsNamed() {
        List<UUID> rows = threeRows();
        broken(sql -> sql.accept("UPDATE audit_logs SET note = 'nothing happened' WHERE id = '" + rows.get(1) + "'"),
                rows.get(1), "altered");
        broken(sql -> sql.accept("UPDATE audit_log_attributes SET attribute_value = 'OPEN' WHERE audit_log_id = '"
                + rows.get(0) + "'"), rows.get(0), "altered");
        broken(sql -> sql.accept("UPDATE audit_logs SET created_at = created_at - interval '1 hour' WHERE id = '"
                + rows.get(2) + "'"), rows.get(2), "altered");
    }

    @Test
    void aDeletedRowIsNamedByTheRowAfterTheGapOrByTheHead() {
        List<UUID> rows = threeRows();
        broken(sql -> {
            sql.accept("DELETE FROM audit_log_attributes WHERE audit_log_id = '" + rows.get(1) + "'");
            sql.accept("DELETE FROM audit_logs WHERE id = '" + rows.get(1) + "'");
        }, rows.get(2), "deleted");
        // the last row: the head names it (a foreign key keeps it), so the head has to be edited too
        long lastSeq = jdbc.queryForObject("SELECT last_seq FROM audit_chain_heads", Long.class);
        UUID last = jdbc.queryForObject("SELECT last_audit_log_id FROM audit_chain_heads", UUID.class);
        tx.executeWithoutResult(s -> {
            switchTriggers(false);
            jdbc.execute("UPDATE audit_chain_heads SET last_audit_log_id = NULL");
            jdbc.execute("DELETE FROM audit_log_attributes WHERE audit_log_id = '" + last + "'");
            jdbc.execute("DELETE FROM audit_logs WHERE id = '" + last + "'");
            AuditVerification.Result result = verification.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.brokenSeq()).as(result.reason()).isEqualTo(lastSeq);
            assertThat(result.reason()).contains("deleted").contains("sequence " + (lastSeq - 1));
            s.setRollbackOnly();
        });
        assertThat(verification.verify().intact()).isTrue();
    }

    @Test
    void anInsertedRowIsNamed() {
        threeRows();
        UUID outside = UUID.randomUUID();
        broken(sql -> sql.accept("""
                INSERT INTO audit_logs (id, created_at, actor_type, actor_id, action_name, target_type, trace_id)
                VALUES ('%s', now(), 'OPERATOR', 'mallory', 'MARKET_SETTLED', 'MARKET', '%s')
                """.formatted(outside, "0".repeat(32))), outside, "inserted");
        UUID forged = UUID.randomUUID();
        broken(sql -> sql.accept("""
                INSERT INTO audit_logs (id, created_at, actor_type, actor_id, action_name, target_type, trace_id,
                    chain_seq, prev_hash, row_hash)
                SELECT '%s', now(), 'OPERATOR', 'mallory', 'MARKET_SETTLED', 'MARKET', '%s', last_seq + 1, last_hash,
                       sha256(last_hash)
                FROM audit_chain_heads
                """.formatted(forged, "0".repeat(32))), forged, "inserted");
    }

    @Test
    void theCommandLineVerifiesTheConfiguredDatabaseAndNamesTheBrokenRow() throws Exception {
        List<UUID> rows = threeRows();
        String[] db = datasourceArgs();
        Run intact = cli(db);
        assertThat(intact.exit()).as(intact.out()).isZero();
        assertThat(intact.out()).contains("INTACT");

        String note = jdbc.queryForObject("SELECT coalesce(note, '') FROM audit_logs WHERE id = ?", String.class, rows.get(1));
        tamper("UPDATE audit_logs SET note = 'rewritten' WHERE id = '" + rows.get(1) + "'");
        try {
            Run broken = cli(db);
            assertThat(broken.exit()).as(broken.out()).isEqualTo(1);
            assertThat(broken.out()).contains("BROKEN").contains(rows.get(1).toString());
            assertThat(api.as(dev.reveal.support.Tokens.operator("op-verify")).get("/admin/v1/audit-logs/verification")
                    .send().json().get("brokenRowId").asString()).isEqualTo(rows.get(1).toString());
        } finally {
            // put the row back exactly as it was, so the shared database's chain holds again
            tamper("UPDATE audit_logs SET note = " + (note.isEmpty() ? "NULL" : "'" + note + "'") + " WHERE id = '" + rows.get(1) + "'");
        }
        assertThat(verification.verify().intact()).isTrue();
    }

    private List<UUID> threeRows() {
        UUID target = UUID.randomUUID();
        return tx.execute(s -> audit.recordAll(List.of(
                AuditEntry.of(new Actor(Actor.Type.OPERATOR, "op-chain"), "MARKET_SUSPENDED", "MARKET", target)
                        .with("oldStatus", "OPEN").with("newStatus", "SUSPENDED"),
                AuditEntry.of(Actor.system(), "MARKET_LOCKED", "MARKET", target).withNote("lock time reached"),
                AuditEntry.of(Actor.system(), "MEDIA_KEY_RELEASED", "EVENT_MEDIA", target).with("lockAt", "2030-01-01T00:00:00Z"))));
    }

    private static AuditEntry entry(String action) {
        return AuditEntry.of(Actor.system(), action, "MARKET", UUID.randomUUID()).with("n", 1);
    }

    /** Tampers inside a transaction, checks that verification (reading the same transaction) names the row, rolls back. */
    private void broken(Consumer<Consumer<String>> tampering, UUID expected, String reason) {
        assertThat(verification.verify().intact()).as("intact before tampering").isTrue();
        tx.executeWithoutResult(s -> {
            switchTriggers(false);
            tampering.accept(jdbc::execute);
            AuditVerification.Result result = verification.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.brokenRowId()).as(result.reason()).isEqualTo(expected);
            assertThat(result.reason()).contains(reason).contains(expected.toString());
            s.setRollbackOnly();
        });
        assertThat(verification.verify().intact()).as("intact after the rollback").isTrue();
    }

    private void tamper(String sql) {
        tx.executeWithoutResult(s -> {
            switchTriggers(false);
            jdbc.execute(sql);
            switchTriggers(true);
        });
    }

    private void switchTriggers(boolean on) {
        String action = on ? "ENABLE" : "DISABLE";
        jdbc.execute("ALTER TABLE audit_logs " + action + " TRIGGER audit_logs_append_only");
        jdbc.execute("ALTER TABLE audit_log_attributes " + action + " TRIGGER audit_log_attributes_append_only");
    }

    private record Run(int exit, String out) {
    }

    private String[] datasourceArgs() throws java.sql.SQLException {
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        return new String[] {"audit", "verify", "--spring.datasource.url=" + hikari.getJdbcUrl(),
                "--spring.datasource.username=" + hikari.getUsername(),
                "--spring.datasource.password=" + (hikari.getPassword() == null ? "" : hikari.getPassword()),
                "--reveal.auth.hmac.secret=" + dev.reveal.support.Tokens.SECRET};
    }

    private static Run cli(String[] args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = AuditCommand.run(RevealApplication.class, args);
            return new Run(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
