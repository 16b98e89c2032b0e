package dev.reveal.platform;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * Retries a transaction the database chose as a deadlock victim (SQLState 40P01) or could not serialize (40001): a
 * lock race that survives every area's lock order is answered by running the transaction again, not by a 500. Any
 * other failure, and one without an SQLState, is thrown at once; the last failure is thrown when retries run out.
 */
public final class DeadlockRetry {

    private static final Logger log = LoggerFactory.getLogger(DeadlockRetry.class);
    private static final Set<String> DEADLOCK_OR_SERIALIZATION = Set.of("40P01", "40001");

    private DeadlockRetry() {
    }

    /** Two retries, 10 ms apart; use {@code invoke} around a whole transaction (never inside one). */
    public static RetryTemplate template() {
        RetryTemplate template = new RetryTemplate(RetryPolicy.builder().maxRetries(2).delay(Duration.ofMillis(10))
                .predicate(DeadlockRetry::deadlockOrSerialization).build());
        template.setRetryListener(new RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
                log.info("a transaction lost a lock race (retry {}): {}", state.getRetryCount(),
                        String.valueOf(state.getLastException()));
            }
        });
        return template;
    }

    static boolean deadlockOrSerialization(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && DEADLOCK_OR_SERIALIZATION.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
