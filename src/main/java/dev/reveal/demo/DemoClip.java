package dev.reveal.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;

/**
 * The HLS clips the project ships as classpath resources under {@code demo/clips/<name>/} (made by
 * scripts/make-demo-clip.sh): not static files, so nobody can watch a raw reveal. Demo events take them in through
 * the catalog's ingest like any operator's clip; players only ever get the prepared renditions.
 */
final class DemoClip {

    static final String ROOT = "demo/clips/";

    private DemoClip() {
    }

    /** Milliseconds of a shipped clip, or empty when the build has none. */
    static Optional<Integer> shippedDurationMs(String clip) {
        ClassPathResource playlist = new ClassPathResource(ROOT + clip + "/clip.m3u8");
        if (!playlist.exists()) {
            return Optional.empty();
        }
        try (InputStream in = playlist.getInputStream()) {
            return Optional.of(durationMs(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static boolean hasPoster(String clip) {
        return new ClassPathResource(ROOT + clip + "/poster.jpg").exists();
    }

    static int durationMs(String playlist) {
        double seconds = playlist.lines().filter(l -> l.startsWith("#EXTINF:"))
                .mapToDouble(l -> Double.parseDouble(l.substring(8).split(",", 2)[0].trim())).sum();
        return (int) Math.round(seconds * 1000);
    }
}
