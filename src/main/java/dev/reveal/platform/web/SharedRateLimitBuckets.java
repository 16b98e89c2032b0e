package dev.reveal.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Buckets in the primary's {@code rate_limit_buckets} table (V50), one statement per request: the upsert refills the
 * bucket for the time since its last refill (by the database's clock, one clock for every instance), takes a token
 * when there is one, and says whether it did. The row lock orders concurrent requests of one player.
 */
class SharedRateLimitBuckets implements RateLimitBuckets {

    /** clock_timestamp(): read once the row is locked, so a request that waited for the lock refills for its wait too. */
    private static final String AVAILABLE =
            "least(:capacity, b.tokens + :rate * greatest(0, extract(epoch FROM clock_timestamp() - b.refilled_at)))";
    private static final String TAKE = """
            INSERT INTO rate_limit_buckets AS b (id, limit_name, subject, tokens, taken, refilled_at)
            VALUES (:id, :limit, :subject, :capacity - 1, true, clock_timestamp())
            ON CONFLICT (id) DO UPDATE
               SET tokens = CASE WHEN %1$s >= 1 THEN %1$s - 1 ELSE %1$s END,
                   taken = %1$s >= 1,
                   refilled_at = greatest(b.refilled_at, clock_timestamp())
            RETURNING taken, tokens
            """.formatted(AVAILABLE);

    private final JdbcClient jdbc;

    SharedRateLimitBuckets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long take(String limitName, RateLimits.Limit limit, String subject) {
        UUID id = UUID.nameUUIDFromBytes((limitName + ':' + subject).getBytes(StandardCharsets.UTF_8));
        double rate = limit.perSecond();
        return jdbc.sql(TAKE).param("id", id).param("limit", limitName).param("subject", subject)
                .param("capacity", (double) RateLimitBuckets.capacity(limit)).param("rate", rate)
                .query((rs, n) -> rs.getBoolean("taken") ? 0L
                        : Math.max(1L, (long) Math.ceil((1 - rs.getDouble("tokens")) / rate * 1e9)))
                .single();
    }
}
