package dev.reveal.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;

/** The HLS clip the project ships under {@code static/media/demo}; its duration is read from the playlist. */
final class DemoClip {

    static final String PATH = "/media/demo/clip.m3u8";
    static final String POSTER_PATH = "/media/demo/poster.jpg";

    private DemoClip() {
    }

    /** Milliseconds of the shipped clip, or empty when the build has none. */
    static Optional<Integer> durationMs() {
        ClassPathResource playlist = new ClassPathResource("static" + PATH);
        if (!playlist.exists()) {
            return Optional.empty();
        }
        try (InputStream in = playlist.getInputStream()) {
            return Optional.of(durationMs(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static boolean hasPoster() {
        return new ClassPathResource("static" + POSTER_PATH).exists();
    }

    static int durationMs(String playlist) {
        double seconds = playlist.lines().filter(l -> l.startsWith("#EXTINF:"))
                .mapToDouble(l -> Double.parseDouble(l.substring(8).split(",", 2)[0].trim())).sum();
        return (int) Math.round(seconds * 1000);
    }
}
