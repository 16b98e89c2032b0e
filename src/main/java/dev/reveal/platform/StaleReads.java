package dev.reveal.platform;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where reads that may lag the primary go: a standby when {@code reveal.datasource.replica.url} is configured, the
 * primary otherwise. For the feed rebuild, reports, leaderboards, market statistics and audit searches; never for
 * what must see its caller's own writes (predictions, sessions, settlement). The reads do not join the caller's
 * transaction on the primary; {@link #snapshot()} gives several of them one consistent view.
 */
public final class StaleReads {

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;

    public StaleReads(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.snapshot = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** A read-only, repeatable-read transaction on the same database as {@link #jdbc()}. */
    public TransactionTemplate snapshot() {
        return snapshot;
    }
}
