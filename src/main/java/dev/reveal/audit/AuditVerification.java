package dev.reveal.audit;

import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Recomputes the audit hash chain from the rows as stored and names the first row that breaks it: a row altered
 * (its hash no longer matches its content), deleted (a gap in the sequence, or a head past the last row), or inserted
 * behind the service's back (a row outside the chain, or one whose previous hash is not its predecessor's).
 */
@Service
public class AuditVerification {

    private static final int PAGE = 1000;

    private final JdbcClient jdbc;

    AuditVerification(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code brokenRowId}/{@code brokenSeq} name the first broken row (null when the chain holds). */
    public record Result(boolean intact, long rows, String headHash, UUID brokenRowId, Long brokenSeq, String reason) {

        static Result broken(long rows, String head, UUID id, Long seq, String reason) {
            return new Result(false, rows, head, id, seq, reason);
        }
    }

    private record Row(long seq, AuditHash.Content content, byte[] prevHash, byte[] rowHash) {
    }

    public Result verify() {
        Object[] head = jdbc.sql("SELECT last_seq, last_hash, last_audit_log_id FROM audit_chain_heads WHERE id = ?")
                .param(AuditChain.HEAD_ID).query((rs, n) -> new Object[] {rs.getLong(1), rs.getBytes(2), rs.getObject(3, UUID.class)})
                .single();
        long headSeq = (Long) head[0];
        String headHash = HexFormat.of().formatHex((byte[]) head[1]);
        Optional<UUID> outside = jdbc.sql("SELECT id FROM audit_logs WHERE chain_seq IS NULL ORDER BY created_at, id LIMIT 1")
                .query(UUID.class).optional();
        if (outside.isPresent()) {
            return Result.broken(0, headHash, outside.get(), null,
                    "row " + outside.get() + " is not in the chain: it was inserted behind the audit log");
        }
        byte[] previous = AuditHash.GENESIS;
        long expected = 1;
        while (true) {
            List<Row> rows = page(expected, headSeq);
            for (Row r : rows) {
                UUID id = r.content().id();
                if (r.seq() != expected) {
                    return Result.broken(expected - 1, headHash, id, r.seq(), "row " + id + " has sequence " + r.seq()
                            + " where " + expected + " was expected: the row(s) before it were deleted");
                }
                if (!MessageDigest.isEqual(previous, r.prevHash())) {
                    return Result.broken(expected - 1, headHash, id, r.seq(),
                            "row " + id + " (sequence " + r.seq() + ") does not follow the row before it: a row was inserted or replaced");
                }
                byte[] recomputed = AuditHash.of(previous, r.content());
                if (!MessageDigest.isEqual(recomputed, r.rowHash())) {
                    return Result.broken(expected - 1, headHash, id, r.seq(),
                            "row " + id + " (sequence " + r.seq() + ") was altered: its content no longer matches its hash");
                }
                previous = r.rowHash();
                expected++;
            }
            if (rows.size() < PAGE) {
                break;
            }
        }
        long count = expected - 1;
        if (count != headSeq || !MessageDigest.isEqual(previous, (byte[]) head[1])) {
            UUID lastId = (UUID) head[2];
            return Result.broken(count, headHash, lastId, headSeq, "the chain ends at sequence " + count
                    + " but its head records " + headSeq + " (row " + lastId + "): the last row(s) were deleted");
        }
        // one statement, one snapshot: a row past the head it sees was not appended by the service
        Optional<Object[]> beyond = jdbc.sql("""
                        SELECT l.id, l.chain_seq FROM audit_logs l, audit_chain_heads h
                        WHERE h.id = ? AND l.chain_seq > h.last_seq ORDER BY l.chain_seq LIMIT 1
                        """)
                .param(AuditChain.HEAD_ID).query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getLong(2)}).optional();
        if (beyond.isPresent()) {
            UUID id = (UUID) beyond.get()[0];
            return Result.broken(count, headHash, id, (Long) beyond.get()[1],
                    "row " + id + " lies past the chain's head: it was inserted behind the audit log");
        }
        return new Result(true, count, headHash, null, null, "the chain of " + count + " rows is intact");
    }

    private List<Row> page(long fromSeq, long toSeq) {
        List<Row> rows = jdbc.sql("""
                        SELECT chain_seq, id, created_at, actor_type, actor_id, action_name, target_type, target_id, trace_id,
                               note, prev_hash, row_hash
                        FROM audit_logs WHERE chain_seq >= ? AND chain_seq <= ? ORDER BY chain_seq LIMIT ?
                        """)
                .params(fromSeq, toSeq, PAGE)
                .query((rs, n) -> new Row(rs.getLong(1), new AuditHash.Content(rs.getLong(1), rs.getObject(2, UUID.class),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getObject(8, UUID.class), rs.getString(9), rs.getString(10), Map.of()),
                        rs.getBytes(11), rs.getBytes(12)))
                .list();
        if (rows.isEmpty()) {
            return rows;
        }
        Map<UUID, Map<String, String>> attributes = new HashMap<>();
        jdbc.sql("""
                        SELECT audit_log_id, attribute_key, attribute_value FROM audit_log_attributes
                        WHERE audit_log_id = ANY(CAST(:ids AS uuid[]))
                        """)
                .param("ids", rows.stream().map(r -> r.content().id().toString()).toArray(String[]::new))
                .query(rs -> {
                    attributes.computeIfAbsent(rs.getObject(1, UUID.class), k -> new LinkedHashMap<>())
                            .put(rs.getString(2), rs.getString(3));
                });
        return rows.stream().map(r -> {
            AuditHash.Content c = r.content();
            return new Row(r.seq(), new AuditHash.Content(c.seq(), c.id(), c.createdAt(), c.actorType(), c.actorId(), c.action(),
                    c.targetType(), c.targetId(), c.traceId(), c.note(), attributes.getOrDefault(c.id(), Map.of())),
                    r.prevHash(), r.rowHash());
        }).toList();
    }
}
