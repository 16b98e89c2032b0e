package dev.reveal.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code reveal.demo.enabled} ({@code REVEAL_DEMO_ENABLED}) loads demo events at start; {@code base-url} is where
 * browsers reach this service (default {@code http://localhost:<port>}), used for the clip's URL;
 * {@code lock-after} is how far ahead of loading the first demo event locks.
 */
@ConfigurationProperties("reveal.demo")
record DemoProperties(boolean enabled, String baseUrl, Duration lockAfter) {

    DemoProperties {
        if (lockAfter == null) {
            lockAfter = Duration.ofMinutes(5);
        }
    }

    /** Where browsers fetch the demo clip: the configured base URL, else where this service was reached. */
    String mediaUrlOr(String reached) {
        return baseUrl != null && !baseUrl.isBlank() ? baseUrl : reached;
    }
}
