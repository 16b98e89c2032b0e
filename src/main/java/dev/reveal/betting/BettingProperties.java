package dev.reveal.betting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code reveal.betting.*}: group commit of predictions and the cache of their immutable references. */
@ConfigurationProperties("reveal.betting")
record BettingProperties(@DefaultValue GroupCommitting groupCommit, @DefaultValue References referenceCache) {

    /** Concurrent predictions share one transaction (and its fsync); off, each request is a batch of one. */
    record GroupCommitting(@DefaultValue("true") boolean enabled, @DefaultValue("PT0.001S") Duration window,
                           @DefaultValue("128") int maxBatch, @DefaultValue("2") int writers) {
    }

    record References(@DefaultValue("true") boolean enabled) {
    }
}
