package dev.reveal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.platform.security.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * Demo tokens only with the demo switched on and the embedded default's generated secret: never without the switch,
 * with a configured secret or with a JWK set.
 */
class DemoTokensTest {

    private static DemoTokens with(SigningKey key) {
        return with(key, true);
    }

    private static DemoTokens with(SigningKey key, boolean demoEnabled) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        if (key != null) {
            beans.registerSingleton("signingKey", key);
        }
        return new DemoTokens(beans.getBeanProvider(SigningKey.class), new DemoTokens.Switch(demoEnabled));
    }

    @Test
    void mintsNothingUnlessTheDemoIsSwitchedOn() {
        DemoTokens tokens = with(new SigningKey("generated-secret-of-the-embedded-default-0123".getBytes(StandardCharsets.UTF_8), true),
                false);
        assertThat(tokens.available()).isFalse();
        assertThat(tokens.mint("mallory", true, Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void mintsWithTheGeneratedSecret() {
        DemoTokens tokens = with(new SigningKey("generated-secret-of-the-embedded-default-0123".getBytes(StandardCharsets.UTF_8), true));
        assertThat(tokens.available()).isTrue();
        assertThat(tokens.mint("alice", false, Duration.ofMinutes(5))).get().asString().startsWith("eyJ");
    }

    @Test
    void mintsNothingWithAConfiguredSecret() {
        DemoTokens tokens = with(SigningKey.configured("a-configured-secret-that-is-long-enough-0123456789"));
        assertThat(tokens.available()).isFalse();
        assertThat(tokens.mint("alice", true, Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void mintsNothingWithAJwkSet() {
        // with reveal.auth.jwk-set-uri there is no signing key at all
        DemoTokens tokens = with(null);
        assertThat(tokens.available()).isFalse();
        assertThat(tokens.mint("alice", true, Duration.ofMinutes(5))).isEmpty();
    }
}
