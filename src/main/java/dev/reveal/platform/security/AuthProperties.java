package dev.reveal.platform.security;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bearer-token settings. {@code reveal.auth.hmac.secret} ({@code REVEAL_AUTH_HMAC_SECRET}) signs HS256 tokens;
 * {@code reveal.auth.jwk-set-uri} verifies an issuer's tokens instead. Issuer and audience are checked when set.
 * {@code reveal.auth.token-cache.*} keeps verified tokens (default on, 10,000 tokens for at most 5 minutes).
 */
@ConfigurationProperties("reveal.auth")
public record AuthProperties(Hmac hmac, URI jwkSetUri, String issuer, String audience, Duration clockSkew,
                             @DefaultValue TokenCache tokenCache) {

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

    /** Tokens whose signature verified, kept so that it is checked once per token and not once per request. */
    public record TokenCache(@DefaultValue("true") boolean enabled, @DefaultValue("10000") int maxTokens,
                             @DefaultValue("5m") Duration ttl) {
    }

    /** Where a generated development secret lives inside the data directory. */
    public static Path generatedSecretFile(Path dataDir) {
        return dataDir.resolve("auth-hmac-secret");
    }
}
