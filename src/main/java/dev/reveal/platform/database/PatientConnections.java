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
 * Makes each Hikari pool open its connections through a source that keeps trying while the database cannot be
 * reached, instead of failing at once. Hikari's connection adder sleeps between failed attempts, doubling from 10 ms
 * to a fixed 5 s; after a failover of about 10 s that sleep alone could keep the pool empty for up to 5 s after the
 * new primary is there. Trying every {@link #RETRY_EVERY} inside one attempt finds the new primary within that,
 * and leaves the adder's sleep short. Requests still wait only the pool's {@code connection-timeout} and then get
 * 503 {@code DATABASE_UNAVAILABLE}; only failures to reach a server (SQLSTATE class 08) are tried again, never a
 * refused login.
 */
@Component
class PatientConnections implements BeanPostProcessor {

    static final Duration RETRY_EVERY = Duration.ofMillis(100);
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof HikariDataSource pool && pool.getDataSource() == null && pool.getJdbcUrl() != null
                && !pool.isRunning()) {
            DataSource direct = new DriverDataSource(pool.getJdbcUrl(), pool.getDriverClassName(),
                    pool.getDataSourceProperties(), pool.getUsername(), pool.getPassword());
            pool.setDataSource(new Patient(direct));
        }
        return bean;
    }

    /** A connection source that tries again while no server answers, up to {@link #PATIENCE}. */
    static final class Patient extends DelegatingDataSource {

        Patient(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (true) {
                try {
                    return super.getConnection();
                } catch (SQLException e) {
                    if (!unreachable(e) || System.nanoTime() - deadline > 0) {
                        throw e;
                    }
                    pause(e);
                }
            }
        }

        private static boolean unreachable(SQLException e) {
            return e.getSQLState() != null && e.getSQLState().startsWith("08");
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
