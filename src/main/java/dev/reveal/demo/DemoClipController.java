package dev.reveal.demo;

import dev.reveal.platform.Refusal;
import io.swagger.v3.oas.annotations.Hidden;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shipped clips as an HLS origin for the demo's own ingest only: behind a secret path segment that only the
 * demo loader knows (it never reaches a player: players get the prepared renditions), with demo content enabled.
 */
@RestController
@Hidden
class DemoClipController {

    /** Under /media/ because that is public (no token): the catalog's ingest fetches like any HLS client. */
    static final String PATH = "/media/demo-source/";

    private static final Pattern NAME = Pattern.compile("^[a-z]{1,32}$");
    private static final Pattern FILE = Pattern.compile("^[a-z0-9]{1,32}\\.(m3u8|ts|m4s|mp4|jpg)$");

    private final DemoClipKey key;
    private final DemoProperties props;

    DemoClipController(DemoClipKey key, DemoProperties props) {
        this.key = key;
        this.props = props;
    }

    @GetMapping(DemoClipController.PATH + "{secret}/{clip}/{file}")
    ResponseEntity<Resource> file(@PathVariable String secret, @PathVariable String clip, @PathVariable String file) {
        boolean known = MessageDigest.isEqual(secret.getBytes(StandardCharsets.US_ASCII),
                key.value().getBytes(StandardCharsets.US_ASCII));
        if (!props.enabled() || !known || !NAME.matcher(clip).matches() || !FILE.matcher(file).matches()) {
            throw notFound();
        }
        ClassPathResource resource = new ClassPathResource(DemoClip.ROOT + clip + "/" + file);
        if (!resource.exists()) {
            throw notFound();
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(resource);
    }

    private static Refusal notFound() {
        return new Refusal(Refusal.Kind.NOT_FOUND, "NOT_FOUND",
                "no such media");
    }
}
