package dev.reveal.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.beans.BeanUtils;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.ClassUtils;

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
@ContextConfiguration(initializers = SliceDatabase.Initializer.class)
public @interface SliceDatabase {

    /**
     * Points {@code spring.datasource.*} at the server: the slice's own DataSource auto-configuration connects to it,
     * and the application's embedded-database configuration (which starts only without a URL) stays off.
     */
    class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("slice-database", Map.of(
                    "spring.datasource.url", Server.INSTANCE.jdbcUrl,
                    "spring.datasource.username", "postgres",
                    "spring.datasource.hikari.maximum-pool-size", "4",
                    "spring.datasource.hikari.minimum-idle", "0",
                    // migrated once when the server started
                    "spring.flyway.enabled", "false")));
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

        /**
         * The SQL migrations and the Java ones (Boot hands Flyway every {@link JavaMigration} bean; here they are
         * found the same way, as components of the application).
         */
        private static void migrate(DataSource dataSource) {
            ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
            scan.addIncludeFilter(new AssignableTypeFilter(JavaMigration.class));
            JavaMigration[] java = scan.findCandidateComponents("dev.reveal").stream()
                    .map(d -> (JavaMigration) BeanUtils.instantiateClass(ClassUtils.resolveClassName(d.getBeanClassName(),
                            SliceDatabase.class.getClassLoader())))
                    .toArray(JavaMigration[]::new);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").javaMigrations(java)
                    .load().migrate();
        }
    }
}
