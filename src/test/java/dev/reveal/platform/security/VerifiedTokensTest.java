package dev.reveal.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reveal.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.BadJwtException;

/** The verified-token cache skips only the signature check, and only for the exact token that passed it. */
class VerifiedTokensTest {

    private final Instant start = Instant.now();
    private Clock now = Clock.fixed(start, ZoneOffset.UTC);
    private final AtomicInteger verifications = new AtomicInteger();
    private final VerifiedTokens tokens = cache();

    private VerifiedTokens cache() {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(
                new SecretKeySpec(Tokens.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256).build();
        nimbus.setJwtValidator(jwt -> {
            timestamps.setClock(now);
            return timestamps.validate(jwt);
        });
        JwtDecoder counting = token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
        return new VerifiedTokens(counting, jwt -> {
            timestamps.setClock(now);
            return timestamps.validate(jwt);
        }, 100, Duration.ofMinutes(5));
    }

    @Test
    void verifiesEachTokenOnce() {
        String token = Tokens.player("cache-1", start.plusSeconds(60));
        Jwt first = tokens.decode(token);
        Jwt again = tokens.decode(token);
        assertThat(again.getSubject()).isEqualTo("cache-1");
        assertThat(again).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aCachedTokenIsRefusedOnceItExpires() {
        String token = Tokens.player("cache-2", start.plusSeconds(60));
        tokens.decode(token);
        now = Clock.offset(now, Duration.ofSeconds(120));
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aForgedTokenWithTheSameClaimsIsStillChecked() {
        tokens.decode(Tokens.player("cache-3", start.plusSeconds(60)));
        String forged = Tokens.badSignature("cache-3");
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(3);
    }
}
