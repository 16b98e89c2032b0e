package dev.reveal.catalog;

import dev.reveal.audit.AuditEntry;
import dev.reveal.audit.AuditLog;
import dev.reveal.platform.Actor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides what of a reveal rendition may be served: nothing before the event's lock time by the server clock (the
 * status need not have flipped), and after it only to a holder of a valid, unexpired signed link. The first time a
 * key is served is audited (in the audit hash chain), so "released at T ≥ lock" can be shown later.
 */
@Service
class MediaRelease {

    private final MediaKeys keys;
    private final RevealLinks links;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    MediaRelease(MediaKeys keys, RevealLinks links, AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.keys = keys;
        this.links = links;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Optional<String> revealPlaylist(String token, Long exp, String sig, MediaStore store) {
        if (exp == null || sig == null || !FileSystemMediaStore.TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        String storedUrl = "/media/" + token + "/reveal.m3u8";
        if (!links.validPlaylist(storedUrl, exp, sig)) {
            return Optional.empty();
        }
        Optional<MediaKeys.RevealPlaylist> reveal = keys.revealPlaylist(storedUrl);
        if (reveal.isEmpty() || clock.instant().isBefore(reveal.get().lockAt())) {
            return Optional.empty();
        }
        return store.read(token, HlsCrypto.REVEAL_TEMPLATE).map(r -> {
            try {
                String template = r.getContentAsString(StandardCharsets.UTF_8);
                return template.replace(HlsCrypto.KEY_URI_PLACEHOLDER, links.signedKey(reveal.get().keyId(), exp));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    Optional<byte[]> key(UUID keyId, Long exp, String sig) {
        if (exp == null || sig == null || !links.validKey(keyId, exp, sig)) {
            return Optional.empty();
        }
        Optional<MediaKeys.StoredKey> stored = keys.find(keyId);
        Instant now = clock.instant();
        if (stored.isEmpty() || now.isBefore(stored.get().lockAt())) {
            return Optional.empty();
        }
        MediaKeys.StoredKey k = stored.get();
        if (k.releasedAt() == null) {
            tx.executeWithoutResult(s -> {
                if (keys.markReleased(keyId, now)) {
                    audit.record(AuditEntry.of(Actor.system(), "MEDIA_KEY_RELEASED", "EVENT_MEDIA", k.mediaId())
                            .withNote("reveal key first served").with("eventId", k.eventId()).with("keyId", keyId)
                            .with("lockAt", k.lockAt()).with("releasedAt", now));
                }
            });
        }
        return Optional.of(k.key());
    }
}
