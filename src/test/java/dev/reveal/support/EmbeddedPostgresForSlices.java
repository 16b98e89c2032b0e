package dev.reveal.support;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The real PostgreSQL for slice tests ({@code @JdbcTest}, {@code @ApplicationModuleTest}), which do not load the
 * application's own embedded-database configuration. One server per test JVM, on a fresh data directory, stopped
 * when the JVM exits (closing it with a cached Spring context still alive makes Surefire hang); each slice context
 * gets its own pool on it and Flyway migrates it as the application would. Use with
 * {@code @AutoConfigureTestDatabase(replace = NONE)} so Spring does not swap in an in-memory database.
 */
@TestConfiguration(proxyBeanMethods = false)
public class EmbeddedPostgresForSlices {

    private static EmbeddedPostgres server;

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setCleanDataDirectory(true)
                        .setServerConfig("timezone", "UTC").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the data directory is temporary
                }
            }));
        }
        return server;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource() {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(server().getJdbcUrl("postgres", "postgres"));
        ds.setUsername("postgres");
        ds.setMaximumPoolSize(4);
        return ds;
    }
}
