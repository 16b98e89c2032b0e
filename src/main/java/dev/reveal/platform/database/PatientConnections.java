package dev.reveal.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Makes a Hikari pool open its connections through a source that keeps trying while no server answers, instead of
 * failing at once. Hikari's connection adder (one thread) sleeps between failed attempts, doubling from 10 ms to a
 * fixed 5 s that no setting changes: its attempts fall about 5.2 s and 10.2 s after the database goes, so a pool
 * emptied by a failover that took 7 s stayed empty until 10.2 s (the cluster test's timeline shows it). Trying
 * every {@link #RETRY_EVERY} inside one attempt finds the new primary within that. Requests still wait only the
 * pool's {@code connection-timeout} and then get 503 {@code DATABASE_UNAVAILABLE}. Only failures to reach a server
 * are tried again (SQLSTATE class 08, which is also what PgBouncer answers while its server is gone, and 57P
 * shutdown/starting up), never a refused login.
 */
@Component
class PatientConnections implements BeanPostProcessor {

    static final Duration RETRY_EVERY = Duration.ofMillis(100);
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof HikariDataSource pool) {
            patient(pool);
        }
        return bean;
    }

    /** Gives a pool that is not started yet and opens connections from its JDBC URL a patient source. */
    static void patient(HikariDataSource pool) {
        if (pool.getDataSource() == null && pool.getJdbcUrl() != null && !pool.isRunning()) {
            pool.setDataSource(new Patient(new DriverDataSource(pool.getJdbcUrl(), pool.getDriverClassName(),
                    pool.getDataSourceProperties(), pool.getUsername(), pool.getPassword())));
        }
    }

    private interface Attempt {
        Connection connect() throws SQLException;
    }

    /** A connection source that tries again while no server answers, up to {@link #PATIENCE}. */
    static final class Patient extends DelegatingDataSource {

        Patient(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return patiently(super::getConnection);
        }

        /** What Hikari calls when the pool has a username: the retry must cover it too. */
        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return patiently(() -> super.getConnection(username, password));
        }

        private static Connection patiently(Attempt attempt) throws SQLException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (true) {
                try {
                    return attempt.connect();
                } catch (SQLException e) {
                    if (!unreachable(e) || System.nanoTime() - deadline > 0) {
                        throw e;
                    }
                    pause(e);
                }
            }
        }

        private static boolean unreachable(SQLException e) {
            String state = e.getSQLState();
            return state != null && (state.startsWith("08") || state.startsWith("57P"));
        }

        private static void pause(SQLException cause) throws SQLException {
            try {
                Thread.sleep(RETRY_EVERY.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw cause;
            }
        }
    }
}
