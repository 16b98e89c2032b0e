package dev.reveal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;

class DeadlockRetryTest {

    @Test
    void aDeadlockVictimIsRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        String result = DeadlockRetry.template().invoke(() -> {
            if (runs.incrementAndGet() < 3) {
                throw new CannotAcquireLockException("deadlock", new SQLException("deadlock detected", "40P01"));
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(runs).hasValue(3);
    }

    @Test
    void theLastFailureIsThrownWhenRetriesRunOut() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> DeadlockRetry.template().invoke(() -> {
            runs.incrementAndGet();
            throw new CannotAcquireLockException("serialization", new SQLException("could not serialize", "40001"));
        })).isInstanceOf(CannotAcquireLockException.class);
        assertThat(runs).hasValue(3);
    }

    @Test
    void otherFailuresAndOnesWithoutSqlStateAreThrownAtOnce() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> DeadlockRetry.template().invoke(() -> {
            runs.incrementAndGet();
            throw new DataIntegrityViolationException("key", new SQLException("duplicate key", "23505"));
        })).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> DeadlockRetry.template().invoke(() -> {
            runs.incrementAndGet();
            throw new CannotAcquireLockException("no state", new SQLException("no state"));
        })).isInstanceOf(CannotAcquireLockException.class);
        assertThat(runs).hasValue(2);
    }
}
