package dev.reveal.catalog;

import dev.reveal.platform.Refusal;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves prepared renditions at their unguessable paths (ranges supported: Spring answers 206 for a Resource body),
 * the reveal playlist only behind a valid signed link once locked, and the reveal key likewise. Every refusal is the
 * same 404 as an unknown path, so nobody learns whether a key exists or when it unlocks.
 */
@RestController
@Hidden
@Tag(name = "Media", description = "Clip renditions and reveal keys (links come from the player API)")
class MediaController {

    private static final MediaType HLS = MediaType.parseMediaType("application/vnd.apple.mpegurl");

    private final MediaStore store;
    private final MediaRelease release;

    MediaController(MediaStore store, MediaRelease release) {
        this.store = store;
        this.release = release;
    }

    @GetMapping("/media/{token}/{file}")
    @Operation(summary = "A rendition's playlist or segment (the reveal playlist needs the signed link of the event detail)")
    ResponseEntity<?> file(@PathVariable String token, @PathVariable String file,
                           @RequestParam(required = false) Long exp, @RequestParam(required = false) String sig) {
        if (file.equals("reveal.m3u8")) {
            return release.revealPlaylist(token, exp, sig, store)
                    .<ResponseEntity<?>>map(p -> ResponseEntity.ok().contentType(HLS)
                            .cacheControl(CacheControl.noStore().cachePrivate())
                            .body(p.getBytes(StandardCharsets.UTF_8)))
                    .orElseGet(MediaController::notFound);
        }
        if (file.endsWith(".tmpl")) {
            return notFound();
        }
        Optional<Resource> resource = store.read(token, file);
        if (resource.isEmpty()) {
            return notFound();
        }
        CacheControl cache = file.endsWith(".m3u8") ? CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic()
                : CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
        return ResponseEntity.ok().contentType(type(file)).cacheControl(cache).body(resource.get());
    }

    @GetMapping("/media/keys/{keyId}")
    @Operation(summary = "A reveal key: 16 bytes once the event is locked by the server clock, 404 before (as for an unknown key)")
    ResponseEntity<?> key(@PathVariable String keyId, @RequestParam(required = false) Long exp,
                          @RequestParam(required = false) String sig) {
        UUID id;
        try {
            id = UUID.fromString(keyId);
        } catch (IllegalArgumentException e) {
            return notFound();
        }
        return release.key(id, exp, sig)
                .<ResponseEntity<?>>map(k -> ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .cacheControl(CacheControl.noCache().cachePrivate()).body(k))
                .orElseGet(MediaController::notFound);
    }

    private static ResponseEntity<?> notFound() {
        throw new Refusal(Refusal.Kind.NOT_FOUND, "NOT_FOUND", "no such media");
    }

    private static MediaType type(String file) {
        if (file.endsWith(".m3u8")) {
            return HLS;
        }
        if (file.endsWith(".jpg")) {
            return MediaType.IMAGE_JPEG;
        }
        if (file.endsWith(".ts")) {
            return MediaType.parseMediaType("video/mp2t");
        }
        return file.endsWith(".m4s") ? MediaType.parseMediaType("video/iso.segment") : MediaType.parseMediaType("video/mp4");
    }
}
