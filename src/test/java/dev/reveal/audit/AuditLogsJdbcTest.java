package dev.reveal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reveal.platform.Actor;
import dev.reveal.platform.Cursor;
import dev.reveal.support.PlatformForModuleTests;
import dev.reveal.support.SliceDatabase;
import dev.reveal.support.SliceReads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail's SQL on the real database: appending to the hash chain under its head, verification over the rows
 * as stored, and the search's filters and keyset cursor. Each test's rows are rolled back (so the chain head too);
 * rows other tests committed stay, which is why searches filter by a target of their own.
 */
@JdbcTest
@SliceDatabase
@Import({AuditChain.class, AuditLogs.class, AuditVerification.class, SliceReads.class, PlatformForModuleTests.class})
class AuditLogsJdbcTest {

    private static final Actor OPERATOR = new Actor(Actor.Type.OPERATOR, "op-slice");
    private static final String TRACE = "0123456789abcdef0123456789abcdef";
    private static final String OTHER_TRACE = "fedcba9876543210fedcba9876543210";

    @Autowired
    AuditChain chain;
    @Autowired
    AuditLogs logs;
    @Autowired
    AuditVerification verification;
    @Autowired
    JdbcTemplate jdbc;

    private final UUID target = UUID.randomUUID();
    private final Instant t0 = Instant.parse("2026-12-02T10:00:00.123456Z");

    private List<UUID> append(AuditEntry... entries) {
        List<AuditChain.Pending> rows = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            rows.add(new AuditChain.Pending(id, t0.plusSeconds(i), i == 0 ? TRACE : OTHER_TRACE, entries[i]));
        }
        chain.append(jdbc, rows);
        return ids;
    }

    private AuditEntry entry(String action) {
        return AuditEntry.of(OPERATOR, action, "MARKET", target).with("oldStatus", "OPEN").with("newStatus", "SUSPENDED");
    }

    private long headSeq() {
        return jdbc.queryForObject("SELECT last_seq FROM audit_chain_heads WHERE id = ?", Long.class, AuditChain.HEAD_ID);
    }

    @Test
    void appendedRowsFollowTheHeadEachHashingThePreviousAndVerificationHolds() {
        long before = headSeq();
        byte[] headHash = jdbc.queryForObject("SELECT last_hash FROM audit_chain_heads WHERE id = ?", byte[].class,
                AuditChain.HEAD_ID);

        List<UUID> ids = append(entry("MARKET_SUSPENDED"), entry("MARKET_REOPENED"));

        Map<String, Object> first = jdbc.queryForMap("SELECT chain_seq, prev_hash, row_hash FROM audit_logs WHERE id = ?", ids.get(0));
        Map<String, Object> second = jdbc.queryForMap("SELECT chain_seq, prev_hash, row_hash FROM audit_logs WHERE id = ?", ids.get(1));
        assertThat(first.get("chain_seq")).isEqualTo(before + 1);
        assertThat(second.get("chain_seq")).isEqualTo(before + 2);
        assertThat((byte[]) first.get("prev_hash")).isEqualTo(headHash);
        assertThat((byte[]) second.get("prev_hash")).isEqualTo((byte[]) first.get("row_hash"));
        assertThat(Arrays.equals((byte[]) first.get("row_hash"), (byte[]) second.get("row_hash"))).isFalse();
        assertThat(jdbc.queryForMap("SELECT last_seq, last_audit_log_id FROM audit_chain_heads WHERE id = ?", AuditChain.HEAD_ID))
                .containsEntry("last_seq", before + 2).containsEntry("last_audit_log_id", ids.get(1));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log_attributes WHERE audit_log_id = ?", Long.class, ids.get(0)))
                .isEqualTo(2);

        AuditVerification.Result result = verification.verify();
        assertThat(result.intact()).as(result.reason()).isTrue();
        assertThat(result.rows()).isEqualTo(before + 2);
    }

    @Test
    void aRowInsertedBehindTheLogIsNamedAndRowsCannotBeChanged() {
        List<UUID> ids = append(entry("MARKET_SUSPENDED"));
        UUID forged = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO audit_logs (id, created_at, actor_type, actor_id, action_name, target_type, target_id, trace_id)
                VALUES (?, now(), 'OPERATOR', 'intruder', 'MARKET_SETTLED', 'MARKET', ?, ?)
                """, forged, target, OTHER_TRACE);

        AuditVerification.Result result = verification.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenRowId()).isEqualTo(forged);

        assertThatThrownBy(() -> jdbc.update("UPDATE audit_logs SET actor_id = 'someone' WHERE id = ?", ids.get(0)))
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    void searchFiltersAndPagesNewestFirstWithAttributes() {
        List<UUID> ids = append(entry("MARKET_SUSPENDED"), entry("MARKET_REOPENED"), entry("MARKET_SUSPENDED"));

        List<AuditRecord> page = logs.search(query(null, null, null, null), 2);
        assertThat(page).extracting(AuditRecord::id).containsExactly(ids.get(2), ids.get(1));
        assertThat(page.get(0).attributes()).containsEntry("oldStatus", "OPEN").containsEntry("newStatus", "SUSPENDED");

        Cursor after = new Cursor(page.get(1).createdAt(), page.get(1).id());
        assertThat(logs.search(query(null, null, null, after), 2)).extracting(AuditRecord::id).containsExactly(ids.get(0));

        assertThat(logs.search(query("MARKET_SUSPENDED", null, null, null), 10)).extracting(AuditRecord::id)
                .containsExactly(ids.get(2), ids.get(0));
        // from inclusive, to exclusive
        assertThat(logs.search(query(null, t0.plusSeconds(1), t0.plusSeconds(2), null), 10)).extracting(AuditRecord::id)
                .containsExactly(ids.get(1));
        AuditQuery byTrace = new AuditQuery(null, null, Actor.Type.OPERATOR, "op-slice", null, TRACE, null, null, 10, null);
        assertThat(logs.search(byTrace, 10)).extracting(AuditRecord::id).contains(ids.get(0)).doesNotContain(ids.get(1));
    }

    private AuditQuery query(String action, Instant from, Instant to, Cursor after) {
        return new AuditQuery("MARKET", target, null, null, action, null, from, to, 10, after);
    }
}
