package dev.reveal.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live streams' settings ({@code reveal.live.*}).
 *
 * @param bufferPerConnection messages a stream may have waiting before it is dropped as too slow
 * @param replayCapacity the last messages kept for a {@code Last-Event-ID} resume; an older id gets {@code reset}
 * @param heartbeat how often every stream gets a comment, so proxies and clients see it alive
 * @param writeTimeout how long a stream's socket may refuse to take more before the stream is dropped
 * @param listenUrl a direct connection for {@code LISTEN} (behind a transaction-mode pooler); empty: one from the pool
 */
@ConfigurationProperties("reveal.live")
record LiveProperties(@DefaultValue("256") int bufferPerConnection, @DefaultValue("2048") int replayCapacity,
        @DefaultValue("PT15S") Duration heartbeat, @DefaultValue("PT10S") Duration writeTimeout,
        @DefaultValue("") String listenUrl, @DefaultValue("") String listenUsername,
        @DefaultValue("") String listenPassword) {
}
