package dev.reveal.feed;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How long a cached feed may serve at most (bounds staleness from writes this instance never hears of), and its size. */
@ConfigurationProperties("reveal.feed")
record FeedProperties(@DefaultValue("PT2S") Duration maxAge, @DefaultValue("200") int maxEvents) {
}
