package dev.reveal.platform;

import dev.reveal.platform.security.SigningKey;
import dev.reveal.platform.security.TokenMinter;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Tokens for the demo sign-in of the web pages. They exist only while the embedded default's generated secret
 * signs tokens: with a configured secret or a JWK set, tokens come from a real issuer and this mints nothing.
 */
@Component
public class DemoTokens {

    private final TokenMinter minter;

    DemoTokens(ObjectProvider<SigningKey> key) {
        SigningKey k = key.getIfAvailable();
        this.minter = k != null && k.generated() ? new TokenMinter(k) : null;
    }

    public boolean available() {
        return minter != null;
    }

    public Optional<String> mint(String subject, boolean operator, Duration ttl) {
        return minter == null ? Optional.empty() : Optional.of(minter.mint(subject, operator, ttl));
    }
}
