package dev.reveal.support;

import java.time.Clock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What an {@code @ApplicationModuleTest} needs of the platform area, which it does not load: the clock (the database
 * comes from {@link SliceDatabase}). Pair it with {@code management.endpoint.health.validate-group-membership=false} (the readiness group
 * names the platform's database health contributor).
 */
@TestConfiguration(proxyBeanMethods = false)
public class PlatformForModuleTests {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
