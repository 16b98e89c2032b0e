package dev.reveal.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this instance sits on its machine.
 *
 * @param dev  a developer's machine: listen on loopback only, generate the token secret, allow media from private
 *             addresses; defaults to true when no database is configured ({@link DevelopmentMode})
 * @param data where the embedded database and the generated token secret live
 */
@ConfigurationProperties("reveal")
public record Workspace(boolean dev, @DefaultValue Data data) {

    /** @param dir the data folder ({@code REVEAL_DATA_DIR}) */
    public record Data(@DefaultValue("data") Path dir) {
    }
}
