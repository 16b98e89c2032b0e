package dev.reveal.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-player request rates on the write-heavy player endpoints: a token bucket of {@code burst} requests refilled
 * at {@code perSecond}. {@code reveal.rate-limits.bet-intents.per-second=0} switches a limit off. {@code store}:
 * {@code local} keeps the buckets in each instance, {@code database} shares them through PostgreSQL so that the
 * limits hold across instances.
 */
@ConfigurationProperties("reveal.rate-limits")
record RateLimits(Limit betIntents, Limit analytics, Store store) {

    RateLimits {
        if (betIntents == null) {
            betIntents = new Limit(20, 100);
        }
        if (analytics == null) {
            analytics = new Limit(10, 20);
        }
        if (store == null) {
            store = Store.LOCAL;
        }
    }

    enum Store { LOCAL, DATABASE }

    record Limit(int perSecond, int burst) {
        boolean enabled() {
            return perSecond > 0;
        }
    }
}
