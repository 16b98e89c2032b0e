package dev.reveal.support;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The real PostgreSQL for slice tests ({@code @JdbcTest}, {@code @ApplicationModuleTest}): one embedded server per
 * test JVM, started on first use with the migrations applied, instead of the in-memory database a slice would
 * otherwise get. Put it beside the slice annotation:
 *
 * <pre>{@code
 * @JdbcTest
 * @SliceDatabase
 * class EventTypesTest { ... }
 * }</pre>
 *
 * {@code @JdbcTest} rolls each test back, so tests share the server without seeing each other's rows; a test that
 * commits (an application module test) must create its own data and never assume an empty table. This server is
 * separate from the one {@link IntegrationTest}'s context starts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
// what @AutoConfigureTestDatabase(replace = NONE) maps to: as a meta-annotation here, the slice's own
// @AutoConfigureTestDatabase would be found first and win
@TestPropertySource(properties = "spring.test.database.replace=NONE")
@Import(SliceDatabase.Config.class)
public @interface SliceDatabase {

    @TestConfiguration(proxyBeanMethods = false)
    class Config {

        @Bean(destroyMethod = "close")
        HikariDataSource dataSource() {
            HikariDataSource ds = new HikariDataSource();
            ds.setJdbcUrl(Server.INSTANCE.jdbcUrl);
            ds.setUsername("postgres");
            ds.setMaximumPoolSize(4);
            ds.setMinimumIdle(0);
            return ds;
        }
    }

    /**
     * Started when first asked for and closed when the JVM exits (not with a Spring context: a cached context may
     * outlive any one test class, and closing the server under it makes Surefire wait on exit).
     */
    final class Server {

        static final Server INSTANCE = new Server();

        final String jdbcUrl;

        private Server() {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setServerConfig("timezone", "UTC")
                        // a throwaway server: durability buys nothing here
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is going away; the server's temporary directory goes with the next clean
                    }
                }, "slice-database-stop"));
                jdbcUrl = pg.getJdbcUrl("postgres", "postgres");
                migrate(pg.getPostgresDatabase());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void migrate(DataSource dataSource) {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        }
    }
}
