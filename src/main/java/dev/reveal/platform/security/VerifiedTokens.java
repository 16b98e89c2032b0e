package dev.reveal.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that checks a token's signature once: a player's app sends the same token with every request,
 * so the exact token string (signature included) that verified before is taken from memory. The claim validators
 * (expiry, issuer, audience, subject) still run on every request, so an expired token is refused as before.
 * Entries live at most {@code ttl}, which bounds how long a token signed by a key that was since removed from a JWK
 * set keeps working.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, int maxTokens, Duration ttl) {
        this.verifier = verifier;
        this.validator = validator;
        this.verified = Caffeine.newBuilder().maximumSize(maxTokens).expireAfterWrite(ttl).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known == null) {
            Jwt jwt = verifier.decode(token);
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = validator.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return known;
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
