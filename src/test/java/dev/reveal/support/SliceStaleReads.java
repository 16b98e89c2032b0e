package dev.reveal.support;

import dev.reveal.platform.StaleReads;
import javax.sql.DataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The platform's {@link StaleReads} for a {@code @JdbcTest} of a repository that reads through it: on the slice's own
 * database (there is no standby here), so the reads join the test's transaction and see its fixture rows.
 * {@code @Import} it beside the repository.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SliceStaleReads {

    @Bean
    StaleReads staleReads(DataSource dataSource) {
        return new StaleReads(dataSource);
    }
}
