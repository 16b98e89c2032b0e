package dev.reveal.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import dev.reveal.platform.StaleReads;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A second, read-only pool on a standby for {@link StaleReads}, when {@code reveal.datasource.replica.url} is set
 * (e.g. both nodes with {@code targetServerType=preferSecondary}, which falls back to the primary while no standby
 * answers). It is not a {@code DataSource} bean, so Spring Boot's own pool, transactions and Flyway stay on the
 * primary untouched.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReplicaConfig.ReplicaProperties.class)
class ReplicaConfig {

    @Bean(destroyMethod = "close")
    ReplicaPool replicaPool(ReplicaProperties properties) {
        if (properties.url() == null || properties.url().isBlank()) {
            return new ReplicaPool(null);
        }
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName("reveal-replica");
        ds.setJdbcUrl(properties.url());
        ds.setUsername(properties.username());
        ds.setPassword(properties.password());
        ds.setMaximumPoolSize(properties.maximumPoolSize());
        ds.setMinimumIdle(Math.min(2, properties.maximumPoolSize()));
        ds.setConnectionTimeout(3_000);
        ds.setValidationTimeout(1_000);
        ds.setReadOnly(true);
        ds.setExceptionOverrideClassName(EvictOnFailover.class.getName());
        PatientConnections.patient(ds);
        return new ReplicaPool(ds);
    }

    @Bean
    StaleReads staleReads(ReplicaPool pool, DataSource primary) {
        return new StaleReads(pool.dataSource() == null ? primary : pool.dataSource());
    }

    record ReplicaPool(HikariDataSource dataSource) {
        void close() {
            if (dataSource != null) {
                dataSource.close();
            }
        }
    }

    /** A standby for reads that may lag; unset = everything reads the primary. */
    @ConfigurationProperties("reveal.datasource.replica")
    record ReplicaProperties(String url, String username, String password, @DefaultValue("10") int maximumPoolSize) {
    }
}
