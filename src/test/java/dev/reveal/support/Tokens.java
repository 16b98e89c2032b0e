package dev.reveal.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Tokens signed with the test profile's secret, plus the broken ones an attacker would send. */
public final class Tokens {

    public static final String SECRET = "reveal-integration-tests-hmac-secret-0123456789";

    private Tokens() {
    }

    public static String player(String subject) {
        return sign(claims(subject, "player", Instant.now().plusSeconds(3600)), SECRET);
    }

    public static String player(String subject, Instant expiry) {
        return sign(claims(subject, "player", expiry), SECRET);
    }

    public static String operator(String subject) {
        return sign(claims(subject, "operator", Instant.now().plusSeconds(3600)), SECRET);
    }

    public static String expired(String subject) {
        return sign(claims(subject, "player", Instant.now().minusSeconds(600)), SECRET);
    }

    public static String badSignature(String subject) {
        return sign(claims(subject, "operator", Instant.now().plusSeconds(3600)),
                "some-other-secret-that-is-long-enough-for-hs256");
    }

    public static String algNone(String subject) {
        return new PlainJWT(claims(subject, "operator", Instant.now().plusSeconds(3600))).serialize();
    }

    /** A token with the test secret over exactly these payload bytes: claims of any JSON type, or not even UTF-8. */
    public static String signedPayload(byte[] payload) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(payload));
            jws.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #signedPayload} of JSON text (UTF-8). */
    public static String signedPayload(String json) {
        return signedPayload(json.getBytes(StandardCharsets.UTF_8));
    }

    private static JWTClaimsSet claims(String subject, String role, Instant expiry) {
        return new JWTClaimsSet.Builder().subject(subject).issueTime(new Date())
                .expirationTime(Date.from(expiry)).claim("roles", List.of(role)).build();
    }

    private static String sign(JWTClaimsSet claims, String secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
