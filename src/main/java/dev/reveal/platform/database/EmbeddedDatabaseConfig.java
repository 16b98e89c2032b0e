package dev.reveal.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import dev.reveal.platform.Workspace;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code spring.datasource.url}, Reveal runs on an embedded PostgreSQL 17 whose data directory persists
 * under {@code reveal.data.dir} ({@code ./data} by default), so a restart keeps the data. The server stops with
 * the application context; fsync and synchronous commit stay on. (Whether this is a developer's machine is
 * {@code reveal.dev}, which defaults to true in exactly this case; a database to connect to is what decides here.)
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(Workspace workspace, DatabaseProperties database) throws IOException {
        DatabaseProperties.Embedded embedded = database.embedded();
        Path pgData = workspace.data().dir().resolve("postgres").toAbsolutePath();
        Files.createDirectories(pgData);
        stopOrphanedServer(pgData);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(embedded.clean())
                .setPGStartupWait(Duration.ofSeconds(60));
        // Extra server settings first (the benchmark loads pg_stat_statements this way); durability is not one of them.
        embedded.settings().forEach(builder::setServerConfig);
        builder.setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", Integer.toString(embedded.maxConnections()))
                .setServerConfig("shared_buffers", "128MB")
                .setServerConfig("timezone", "UTC");
        if (embedded.port() > 0) {
            builder.setPort(embedded.port());
        }
        EmbeddedPostgres pg = builder.start();
        log.info("embedded PostgreSQL listening on port {} with data in {}", pg.getPort(), pgData);
        return pg;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres pg) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        ds.setUsername("postgres");
        return ds;
    }

    /**
     * A server left running by a killed JVM still holds the data directory; stop it so this start can take over.
     * The postmaster's own pid file says which process it is.
     */
    private static void stopOrphanedServer(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
            if (orphan.isPresent()) {
                log.warn("stopping orphaned embedded PostgreSQL (pid {}) left by an earlier run", pid);
                orphan.get().destroy();
                orphan.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            log.warn("could not check for an orphaned PostgreSQL in {}: {}", pgData, e.toString());
        }
    }
}
