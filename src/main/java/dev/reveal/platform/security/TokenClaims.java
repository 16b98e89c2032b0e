package dev.reveal.platform.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * What a token's claims must be before the service believes them. The subject names the player, so it must be text
 * that survives storage unchanged: not blank, at most 255 characters, well-formed UTF-16 (no lone surrogate) without
 * NUL, and the payload itself valid UTF-8 — otherwise {@code sur\ud800x}, {@code sur\udbffx} and {@code sur?x}
 * would all become one player, since a decoder and the database each replace what they cannot represent.
 * {@code roles} is absent, null or an array of strings; any other JSON type is a malformed token (401).
 */
final class TokenClaims {

    private TokenClaims() {
    }

    static OAuth2TokenValidator<Jwt> validator() {
        return jwt -> {
            String problem = problem(jwt);
            return problem == null ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", problem, null));
        };
    }

    /** The token's roles; empty when it has none. Call only on validated tokens. */
    static List<String> roles(Jwt jwt) {
        Object roles = jwt.getClaims().get("roles");
        return roles instanceof Collection<?> c ? c.stream().map(String.class::cast).toList() : List.of();
    }

    /** Refuses a payload that is not valid UTF-8 before any JSON parser replaces its bad bytes. */
    static JwtDecoder strictUtf8(JwtDecoder decoder) {
        return token -> {
            int first = token.indexOf('.');
            int second = token.indexOf('.', first + 1);
            if (first < 0 || second < 0) {
                return decoder.decode(token);
            }
            try {
                byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload));
            } catch (IllegalArgumentException | CharacterCodingException e) {
                throw new BadJwtException("the token payload is not base64url-encoded UTF-8");
            }
            return decoder.decode(token);
        };
    }

    private static String problem(Jwt jwt) {
        if (jwt.getExpiresAt() == null) {
            return "exp is required";
        }
        if (!(jwt.getClaims().get("sub") instanceof String sub) || sub.isBlank() || sub.length() > 255) {
            return "sub is required: text of 1 to 255 characters";
        }
        if (!wellFormed(sub)) {
            return "sub must be valid Unicode text without NUL";
        }
        Object roles = jwt.getClaims().get("roles");
        if (roles != null && !(roles instanceof Collection<?> c && c.stream().allMatch(String.class::isInstance))) {
            return "roles must be an array of strings";
        }
        return null;
    }

    static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
