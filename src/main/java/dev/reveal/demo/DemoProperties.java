package dev.reveal.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code reveal.demo.enabled} ({@code REVEAL_DEMO_ENABLED}) loads demo events at start; {@code lock-after} is how far
 * ahead of loading the first demo event locks. (There is no base URL: players get relative media URLs.)
 */
@ConfigurationProperties("reveal.demo")
record DemoProperties(boolean enabled, Duration lockAfter) {

    DemoProperties {
        if (lockAfter == null) {
            lockAfter = Duration.ofMinutes(5);
        }
    }
}
