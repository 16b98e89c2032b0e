package dev.reveal.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled   ({@code REVEAL_DEMO_ENABLED}) load demo events at start and offer the demo sign-in
 * @param lockAfter how far ahead of loading the first demo event locks (there is no base URL: players get relative
 *                  media URLs)
 */
@ConfigurationProperties("reveal.demo")
record DemoProperties(boolean enabled, @DefaultValue("5m") Duration lockAfter) {
}
