package dev.reveal.platform;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * An opaque keyset cursor: the sort instant and id of the last row of a page. Lists are ordered by
 * {@code (instant, id)} and continue with {@code WHERE (col, id) < (:at, :id)} (or {@code >} ascending).
 */
public record Cursor(Instant at, UUID id) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public String encode() {
        String raw = at.toString() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Null for the first page; a 400 problem for a cursor this service did not write. */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            // an instant the database cannot store is no cursor this service wrote either
            Instant at = Instants.storable(Instant.parse(raw.substring(0, bar)), "cursor");
            return new Cursor(at, UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw Refusal.malformed("INVALID_CURSOR", "the cursor is not one this service issued");
        }
    }

    /** The page size to use: {@link #DEFAULT_LIMIT} when absent, a 400 problem outside 1..{@link #MAX_LIMIT}. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new Refusal(Refusal.Kind.MALFORMED, "INVALID_PARAMETER",
                    "limit must be between 1 and " + MAX_LIMIT,
                    java.util.List.of(new Refusal.FieldError("limit",
                            "must be between 1 and " + MAX_LIMIT)), java.util.Map.of());
        }
        return requested;
    }
}
