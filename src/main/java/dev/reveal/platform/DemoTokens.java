package dev.reveal.platform;

import dev.reveal.platform.security.SigningKey;
import dev.reveal.platform.security.TokenMinter;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
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

    DemoTokens(ObjectProvider<SigningKey> key, @Value("${reveal.demo.enabled:false}") boolean demoEnabled) {
        SigningKey k = key.getIfAvailable();
        this.minter = demoEnabled && k != null && k.generated() ? new TokenMinter(k) : null;
    }

    public boolean available() {
        return minter != null;
    }

    public Optional<String> mint(String subject, boolean operator, Duration ttl) {
        return minter == null ? Optional.empty() : Optional.of(minter.mint(subject, operator, ttl));
    }
}
