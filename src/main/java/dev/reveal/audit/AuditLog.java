package dev.reveal.audit;

import dev.reveal.platform.Ids;
import dev.reveal.platform.Traces;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes audit rows inside the caller's transaction, so an action and its audit row commit or roll back together.
 * The trace id is the current request's (or background job's). Rows are collected during the transaction and
 * written, chained, just before it commits: the chain head's row lock is then the last lock any audited transaction
 * takes, so chaining serializes commits without ever closing a deadlock cycle with the caller's own row locks.
 */
@Service
public class AuditLog {

    private final JdbcTemplate jdbc;
    private final AuditChain chain;
    private final Clock clock;

    AuditLog(JdbcTemplate jdbc, AuditChain chain, Clock clock) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public UUID record(AuditEntry entry) {
        return recordAll(List.of(entry)).get(0);
    }

    /** Records many entries (used by jobs that flip many rows at once); written with batched statements at commit. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<UUID> recordAll(List<AuditEntry> entries) {
        // PostgreSQL keeps microseconds: the hash is over what is stored
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String traceId = Traces.currentTraceId();
        List<UUID> ids = new ArrayList<>(entries.size());
        List<AuditChain.Pending> rows = pending();
        for (AuditEntry e : entries) {
            UUID id = Ids.newId();
            ids.add(id);
            rows.add(new AuditChain.Pending(id, now, traceId, e));
        }
        return ids;
    }

    /** The rows of the current transaction (synchronizations are per transaction, suspended with it). */
    private List<AuditChain.Pending> pending() {
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof ChainAtCommit c && c.owner == this) {
                return c.rows;
            }
        }
        ChainAtCommit c = new ChainAtCommit(this);
        TransactionSynchronizationManager.registerSynchronization(c);
        return c.rows;
    }

    private static final class ChainAtCommit implements TransactionSynchronization {
        private final AuditLog owner;
        private final List<AuditChain.Pending> rows = new ArrayList<>();

        ChainAtCommit(AuditLog owner) {
            this.owner = owner;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            owner.chain.append(owner.jdbc, rows);
        }

        @Override
        public int getOrder() {
            // after other before-commit work that may still audit
            return LOWEST_PRECEDENCE;
        }
    }
}
