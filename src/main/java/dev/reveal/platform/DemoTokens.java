package dev.reveal.platform;

import dev.reveal.platform.security.SigningKey;
import dev.reveal.platform.security.TokenMinter;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Tokens for the demo sign-in of the web pages. They exist only when the demo is switched on
 * ({@code reveal.demo.enabled}, {@code REVEAL_DEMO_ENABLED=true}) and the embedded default's generated secret signs
 * tokens: with a configured secret or a JWK set, tokens come from a real issuer and this mints nothing. Without the
 * switch, a plain {@code ./mvnw spring-boot:run} hands nobody an operator token (issue 13).
 */
@Component
public class DemoTokens {

    private final TokenMinter minter;

    DemoTokens(ObjectProvider<SigningKey> key, Switch demo) {
        SigningKey k = key.getIfAvailable();
        this.minter = demo.enabled() && k != null && k.generated() ? new TokenMinter(k) : null;
    }

    public boolean available() {
        return minter != null;
    }

    /**
     * The demo's switch as far as tokens go (the demo area binds the rest of {@code reveal.demo}).
     *
     * @param enabled ({@code REVEAL_DEMO_ENABLED}) load demo events at start and offer the demo sign-in
     */
    @ConfigurationProperties("reveal.demo")
    record Switch(boolean enabled) {
    }

    public Optional<String> mint(String subject, boolean operator, Duration ttl) {
        return minter == null ? Optional.empty() : Optional.of(minter.mint(subject, operator, ttl));
    }
}
