package dev.reveal.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The hash of one audit row: SHA-256 over the previous row's hash and the row's content (its place in the chain,
 * every column and every attribute, sorted by key), each value length-prefixed so no two contents encode alike.
 */
final class AuditHash {

    static final byte[] GENESIS = new byte[32];

    private AuditHash() {
    }

    /** What is hashed of a row: its columns as stored (created_at in microseconds) and its attributes. */
    record Content(long seq, UUID id, Instant createdAt, String actorType, String actorId, String action,
                   String targetType, UUID targetId, String traceId, String note, Map<String, String> attributes) {
    }

    static byte[] of(byte[] previous, Content c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(previous);
        out.writeBytes(ByteBuffer.allocate(8).putLong(c.seq()).array());
        field(out, c.id().toString());
        field(out, Long.toString(micros(c.createdAt())));
        field(out, c.actorType());
        field(out, c.actorId());
        field(out, c.action());
        field(out, c.targetType());
        field(out, c.targetId() == null ? null : c.targetId().toString());
        field(out, c.traceId());
        field(out, c.note());
        Map<String, String> sorted = new TreeMap<>(c.attributes());
        out.writeBytes(ByteBuffer.allocate(4).putInt(sorted.size()).array());
        sorted.forEach((k, v) -> {
            field(out, k);
            field(out, v);
        });
        try {
            return MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
        out.writeBytes(b);
    }
}
