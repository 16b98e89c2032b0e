package dev.reveal.platform.database;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param embedded       the embedded PostgreSQL (when no {@code spring.datasource.url} is set)
 * @param healthUrl      where readiness checks that the primary takes writes; unset = the pool's URL
 * @param healthUsername its user
 * @param healthPassword its password
 */
@ConfigurationProperties("reveal.database")
record DatabaseProperties(@DefaultValue Embedded embedded, String healthUrl, String healthUsername,
                          String healthPassword) {

    /**
     * @param port           port of the embedded server; 0 = a free one
     * @param clean          start from an empty data directory (tests)
     * @param maxConnections the server's {@code max_connections}
     * @param settings       extra server settings, e.g. {@code shared_preload_libraries}; fsync and synchronous commit
     *                       always stay on
     */
    record Embedded(@DefaultValue("0") int port, @DefaultValue("false") boolean clean,
                    @DefaultValue("100") int maxConnections, Map<String, String> settings) {

        Embedded {
            settings = settings == null ? Map.of() : Map.copyOf(settings);
        }
    }
}
