package dev.reveal.catalog;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Short-lived signed links to a reveal rendition and its key. Browsers load playlists and keys without our
 * {@code Authorization} header (hls.js and Safari alike), so the link itself carries the permission: an expiry and an
 * HMAC over it with a deployment-wide secret kept in the database (every instance signs and checks alike). A link is
 * handed out only in authenticated answers after the lock, and the key endpoint checks the lock by the server clock
 * again, so a leaked link gives nothing before the lock and expires soon after.
 */
@Component
public class RevealLinks {

    private static final UUID SECRET_ID = new UUID(0, 1);

    private final JdbcClient jdbc;
    private final TransactionTemplate own;
    private final Clock clock;
    private final Duration ttl;
    private volatile byte[] secret;

    RevealLinks(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
                MediaProperties media) {
        this.jdbc = jdbc;
        // links are signed inside callers' read-only snapshots too: the secret is made in a transaction of its own
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.ttl = media.linkTtl();
    }

    /** Makes (or reads) the secret at start, so that no player request is the one that writes it. */
    @EventListener(ApplicationReadyEvent.class)
    void prepare() {
        try {
            secret();
        } catch (RuntimeException e) {
            // the database may still be coming up: the first link made later reads it then
        }
    }

    /** The stored reveal playlist URL with an expiry and a signature; for authenticated players after the lock only. */
    public String signedPlaylist(String storedUrl) {
        long exp = expiry();
        return storedUrl + "?exp=" + exp + "&sig=" + sign("playlist|" + storedUrl + "|" + exp);
    }

    String signedKey(UUID keyId, long exp) {
        return "/media/keys/" + keyId + "?exp=" + exp + "&sig=" + sign("key|" + keyId + "|" + exp);
    }

    boolean validPlaylist(String storedUrl, long exp, String sig) {
        return valid("playlist|" + storedUrl + "|" + exp, exp, sig);
    }

    boolean validKey(UUID keyId, long exp, String sig) {
        return valid("key|" + keyId + "|" + exp, exp, sig);
    }

    /** Whole minutes, so that answers within a minute carry the same link. */
    private long expiry() {
        long at = clock.instant().plus(ttl).getEpochSecond();
        return (at / 60 + 1) * 60;
    }

    private boolean valid(String payload, long exp, String sig) {
        if (sig == null || exp < clock.instant().getEpochSecond()) { // compared as numbers: any long is a valid exp
            return false;
        }
        return MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII), sig.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Made once per deployment by whichever instance asks first; read after migrations have run. */
    private byte[] secret() {
        byte[] s = secret;
        if (s == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            s = own.execute(status -> {
                jdbc.sql("INSERT INTO media_url_secrets (id, secret, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING")
                        .params(SECRET_ID, fresh, java.sql.Timestamp.from(clock.instant())).update();
                return jdbc.sql("SELECT secret FROM media_url_secrets WHERE id = ?").param(SECRET_ID).query(byte[].class)
                        .single();
            });
            secret = s;
        }
        return s;
    }
}
