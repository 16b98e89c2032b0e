package dev.reveal.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The lock job: {@code enabled} runs it on this instance, {@code batchSize} rows flip per transaction. How often it
 * runs is {@code reveal.lifecycle.fixed-delay} (250ms) after {@code reveal.lifecycle.initial-delay} (1s), read by
 * its {@code @Scheduled}.
 */
@ConfigurationProperties("reveal.lifecycle")
record LifecycleProperties(@DefaultValue("true") boolean enabled, @DefaultValue("500") int batchSize) {
}
