package dev.reveal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.reveal.support.Api;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.RowCounts;
import dev.reveal.support.Tokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Media validation against playlists this test serves itself: valid, malformed, unreachable and too slow. */
class HlsValidationTest extends IntegrationTest {

    private static final String OPERATOR = Tokens.operator("op-hls");
    private static final String MEDIA = """
            #EXTM3U
            #EXT-X-VERSION:3
            #EXT-X-TARGETDURATION:6
            #EXT-X-MEDIA-SEQUENCE:0
            #EXTINF:6.0,
            seg0.ts
            #EXTINF:6.0,
            seg1.ts
            #EXTINF:6.5,
            seg2.ts
            #EXT-X-ENDLIST
            """;
    private static final String MASTER = """
            #EXTM3U
            #EXT-X-STREAM-INF:BANDWIDTH=1280000,RESOLUTION=1280x720
            low/index.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=2560000,RESOLUTION=1920x1080
            high/index.m3u8
            """;

    private static HttpServer server;
    private static ExecutorService executor;
    private static final CountDownLatch release = new CountDownLatch(1);
    private CatalogTestData.Keys keys;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        respond("/clip/master.m3u8", MASTER);
        respond("/clip/low/index.m3u8", MEDIA);
        for (String segment : new String[] {"/clip/low/seg0.ts", "/clip/low/seg1.ts", "/clip/low/seg2.ts", "/seg0.ts", "/seg1.ts",
                "/seg2.ts"}) {
            respond(segment, "not really video, but bytes to cut and encrypt");
        }
        respond("/media-only.m3u8", MEDIA);
        respond("/broken.m3u8", "#EXTM3U\n#EXTINF:six,\nseg0.ts\n#EXT-X-ENDLIST\n");
        respond("/not-a-playlist.m3u8", "<html>404 page</html>");
        respond("/huge.m3u8", "#EXTM3U\n" + "#EXT-X-COMMENT-PADDING\n".repeat(60_000));
        respond("/master-missing-variant.m3u8", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nnowhere/index.m3u8\n");
        server.createContext("/slow.m3u8", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    @BeforeEach
    void keys() {
        keys = CatalogTestData.keys(jdbc);
    }

    @Test
    void aMasterPlaylistGivesTheDurationOfItsFirstVariant() {
        Map<String, Object> body = withMedia("/clip/master.m3u8");
        Api.Response r = api.as(OPERATOR).post("/admin/v1/events", body).send();
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("media").get("durationMs").asInt()).isEqualTo(18_500);
    }

    @Test
    void aMediaPlaylistGivesItsSegmentsDuration() {
        Api.Response r = api.as(OPERATOR).post("/admin/v1/events", withMedia("/media-only.m3u8")).send();
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("media").get("durationMs").asInt()).isEqualTo(18_500);
    }

    @Test
    void windowsBeyondThePlaylistsDurationAreRefused() {
        Map<String, Object> body = withMedia("/clip/master.m3u8");
        body.put("revealEndMs", 19_000);
        Api.Response r = refused(body, "VALIDATION_FAILED");
        assertThat(EventCreationTest.fields(r)).contains("revealEndMs");
    }

    @Test
    void malformedPlaylistsAreRefused() {
        refused(withMedia("/broken.m3u8"), "MEDIA_INVALID");
        refused(withMedia("/not-a-playlist.m3u8"), "MEDIA_INVALID");
        refused(withMedia("/huge.m3u8"), "MEDIA_INVALID");
        Api.Response missing = refused(withMedia("/master-missing-variant.m3u8"), "MEDIA_UNAVAILABLE");
        assertThat(missing.json().get("reason").asString()).contains("404");
    }

    @Test
    void anUnreachableOriginIsRefusedNamingTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/master.m3u8";
        Map<String, Object> body = CatalogTestData.event(keys);
        body.put("validateMedia", true);
        CatalogTestData.media(body).put("hlsMasterUrl", url);
        Api.Response r = refused(body, "MEDIA_UNAVAILABLE");
        assertThat(r.json().get("url").asString()).isEqualTo(url);
        assertThat(r.json().get("detail").asString()).contains(url);
    }

    @Test
    void aSlowOriginTimesOutInsteadOfHanging() {
        long started = System.nanoTime();
        Api.Response r = refused(withMedia("/slow.m3u8"), "MEDIA_UNAVAILABLE");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        assertThat(r.json().get("reason").asString()).contains("did not answer");
    }

    @Test
    void validationCanBeSwitchedOffForOfflineContent() {
        Map<String, Object> body = withMedia("/slow.m3u8");
        body.put("validateMedia", false);
        CatalogTestData.media(body).remove("durationMs");
        Api.Response r = api.as(OPERATOR).post("/admin/v1/events", body).send();
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("media").has("durationMs")).isFalse();
    }

    private Api.Response refused(Map<String, Object> body, String code) {
        Map<String, Long> before = RowCounts.snapshot(jdbc);
        Api.Response r = api.as(OPERATOR).post("/admin/v1/events", body).send();
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.code()).as(r.body()).isEqualTo(code);
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
        return r;
    }

    private Map<String, Object> withMedia(String path) {
        Map<String, Object> body = CatalogTestData.event(keys);
        body.put("validateMedia", true);
        // the playlists' segments are 6 s long: the preview ends on a segment boundary
        body.put("previewEndMs", 6000);
        body.put("revealStartMs", 6000);
        CatalogTestData.media(body).remove("durationMs");
        CatalogTestData.media(body).remove("posterUrl");
        CatalogTestData.media(body).put("hlsMasterUrl", "http://127.0.0.1:" + server.getAddress().getPort() + path);
        return body;
    }

    private static void respond(String path, String text) {
        server.createContext(path, exchange -> {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.apple.mpegurl");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }
}
