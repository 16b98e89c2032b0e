package dev.reveal.support;

import dev.reveal.platform.StaleReads;
import javax.sql.DataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The platform's stale reads on the slice's own database (there is no replica in a slice): for a {@code @JdbcTest} or
 * a module test of a repository that reads through {@link StaleReads}. Inside a test's transaction its reads see the
 * test's uncommitted rows, as they join the transaction bound to the same DataSource.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SliceReads {

    @Bean
    StaleReads staleReads(DataSource dataSource) {
        return new StaleReads(dataSource);
    }
}
