package dev.reveal.support;

import java.time.Clock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What an {@code @ApplicationModuleTest} needs of the platform area, which it does not load: the real database and
 * the clock. Pair it with {@code management.endpoint.health.validate-group-membership=false} (the readiness group
 * names the platform's database health contributor).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(EmbeddedPostgresForSlices.class)
public class PlatformForModuleTests {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
