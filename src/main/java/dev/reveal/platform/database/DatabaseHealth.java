package dev.reveal.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness's view of the database: can this instance write now? It keeps one connection of its own, outside the
 * pool, so a probe never queues behind busy requests or waits the pool's 3 s connection timeout: a lost primary
 * answers DOWN within about a second (a broken socket at once; otherwise the network timeout), and the first probe
 * after a standby's promotion connects to it and answers UP. A connection that lands on a standby (a node demoted
 * under it) counts as DOWN and is replaced.
 *
 * <p>The URL is the pool's own unless {@code reveal.database.health-url} names another way to the primary.
 */
@Component("database")
class DatabaseHealth implements HealthIndicator {

    /** Behind PgBouncer a lost primary shows as a query that waits for a server connection: give up after this. */
    private static final int NETWORK_TIMEOUT_MS = 500;
    private static final Executor DIRECT = Runnable::run;

    private final DataSource pool;
    private final String url;
    private final String username;
    private final String password;
    private Connection connection;

    DatabaseHealth(DataSource pool, DatabaseProperties properties) {
        this.pool = pool;
        this.url = properties.healthUrl() == null ? "" : properties.healthUrl();
        this.username = properties.healthUsername() == null ? "" : properties.healthUsername();
        this.password = properties.healthPassword() == null ? "" : properties.healthPassword();
    }

    @Override
    public synchronized Health health() {
        try {
            if (connection == null) {
                connection = open();
            }
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    discard();
                    return Health.down().withDetail("error", "connected to a standby, not the primary").build();
                }
            }
            return Health.up().build();
        } catch (SQLException e) {
            discard();
            return Health.down().withDetail("error", String.valueOf(e.getMessage())).build();
        }
    }

    private Connection open() throws SQLException {
        HikariDataSource hikari = pool.unwrap(HikariDataSource.class);
        Properties props = new Properties();
        String user = url.isEmpty() ? hikari.getUsername() : username;
        String pass = url.isEmpty() ? hikari.getPassword() : password;
        if (user != null && !user.isEmpty()) {
            props.setProperty("user", user);
        }
        if (pass != null && !pass.isEmpty()) {
            props.setProperty("password", pass);
        }
        // the whole connect (every host of a multi-host URL, and pgjdbc's primary check) within a second
        props.setProperty("loginTimeout", "1");
        props.setProperty("connectTimeout", "1");
        props.setProperty("ApplicationName", "reveal-readiness");
        Connection c = DriverManager.getConnection(url.isEmpty() ? hikari.getJdbcUrl() : url, props);
        c.setNetworkTimeout(DIRECT, NETWORK_TIMEOUT_MS);
        return c;
    }

    private void discard() {
        if (connection != null) {
            try {
                connection.abort(DIRECT);
            } catch (SQLException | RuntimeException ignored) {
                // it is gone either way
            }
            connection = null;
        }
    }
}
