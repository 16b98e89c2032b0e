package dev.reveal.demo;

import dev.reveal.platform.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * The secret path segment of the demo clips' origin, kept in the data directory so that a restart names the same
 * source URLs (demo batches replay by source ref and compare content).
 */
@Component
class DemoClipKey {

    private final Path file;
    private volatile String value;

    DemoClipKey(Workspace workspace) {
        this.file = workspace.data().dir().resolve("demo-clip-key");
    }

    synchronized String value() {
        if (value == null) {
            try {
                if (!Files.exists(file)) {
                    byte[] b = new byte[16];
                    new SecureRandom().nextBytes(b);
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(b));
                }
                value = Files.readString(file, StandardCharsets.US_ASCII).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the demo clip key in " + file, e);
            }
        }
        return value;
    }
}
