package dev.reveal.platform.security;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bearer-token settings. {@code reveal.auth.hmac.secret} ({@code REVEAL_AUTH_HMAC_SECRET}) signs HS256 tokens;
 * {@code reveal.auth.jwk-set-uri} verifies an issuer's tokens instead. Issuer and audience are checked when set.
 */
@ConfigurationProperties("reveal.auth")
public record AuthProperties(Hmac hmac, URI jwkSetUri, String issuer, String audience, Duration clockSkew) {

    public AuthProperties {
        if (hmac == null) {
            hmac = new Hmac(null);
        }
        if (clockSkew == null) {
            clockSkew = Duration.ofSeconds(30);
        }
    }

    public record Hmac(String secret) {
    }

    /** Where a generated development secret lives inside the data directory. */
    public static Path generatedSecretFile(Path dataDir) {
        return dataDir.resolve("auth-hmac-secret");
    }
}
