package dev.reveal.players;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code reveal.players.*}: the session directory's cache of immutable session owners. */
@ConfigurationProperties("reveal.players")
record PlayersProperties(@DefaultValue SessionCache sessionCache) {

    record SessionCache(@DefaultValue("true") boolean enabled, @DefaultValue("200000") long maxSessions) {
    }
}
