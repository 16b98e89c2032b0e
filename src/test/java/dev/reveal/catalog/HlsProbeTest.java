package dev.reveal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.reveal.platform.Refusal;
import dev.reveal.platform.Workspace;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The probe's guard against fetching internal addresses, and redirects followed hop by hop, over real HTTP. */
class HlsProbeTest {

    private static final String MEDIA = "#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.0,\na.ts\n#EXTINF:4.5,\nb.ts\n#EXT-X-ENDLIST\n";

    private HttpServer server;
    private String base;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/media.m3u8", exchange -> {
            byte[] body = MEDIA.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/moved", exchange -> redirect(exchange, "/media.m3u8"));
        server.createContext("/loop", exchange -> redirect(exchange, "/loop"));
        server.createContext("/to-ftp", exchange -> redirect(exchange, "ftp://example.com/a.m3u8"));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static HlsProbe probe(Boolean allowPrivate, boolean dev) {
        MediaProperties media = new MediaProperties(16 << 20, 128 << 20, 1000, null, Duration.ofMinutes(15),
                Duration.ofSeconds(1), Duration.ofSeconds(2), 1 << 20, allowPrivate);
        return new HlsProbe(media, new Workspace(dev, new Workspace.Data(Path.of("data"))));
    }

    @Test
    void internalAddressesAreRefusedBeforeAnyConnection() {
        HlsProbe guarded = probe(false, true);
        for (String url : new String[] {base + "/media.m3u8", "http://localhost/a.m3u8", "http://169.254.169.254/latest",
                "http://10.1.2.3/a.m3u8", "http://192.168.0.1/a.m3u8", "http://100.100.100.200/a.m3u8", "http://[::1]/a.m3u8",
                "http://[fd00::1]/a.m3u8", "http://0.0.0.0/a.m3u8"}) {
            assertThatThrownBy(() -> guarded.durationMs(url)).as(url).isInstanceOfSatisfying(Refusal.class, e -> {
                assertThat(e.code()).isEqualTo("MEDIA_UNAVAILABLE");
                assertThat(e.getMessage()).contains("internal address", url);
            });
        }
    }

    @Test
    void publicAddressesAreNotInternal() throws Exception {
        assertThat(HlsProbe.isInternal(InetAddress.getByName("93.184.216.34"))).isFalse();
        assertThat(HlsProbe.isInternal(InetAddress.getByName("100.128.0.1"))).isFalse();
        assertThat(HlsProbe.isInternal(InetAddress.getByName("2606:2800:220:1::1"))).isFalse();
        assertThat(HlsProbe.isInternal(InetAddress.getByName("172.16.5.4"))).isTrue();
    }

    @Test
    void theDefaultAllowsInternalAddressesOnlyInDevelopmentMode() {
        assertThat(probe(null, true).durationMs(base + "/media.m3u8")).isEqualTo(10_500);
        assertThatThrownBy(() -> probe(null, false).durationMs(base + "/media.m3u8"))
                .hasMessageContaining("internal address");
        assertThat(probe(true, false).durationMs(base + "/media.m3u8")).isEqualTo(10_500);
    }

    @Test
    void redirectsAreFollowedHopByHopAndBounded() {
        HlsProbe open = probe(true, true);
        assertThat(open.durationMs(base + "/moved")).isEqualTo(10_500);
        assertThatThrownBy(() -> open.durationMs(base + "/loop")).hasMessageContaining("redirected more than 5 times");
        assertThatThrownBy(() -> open.durationMs(base + "/to-ftp")).isInstanceOfSatisfying(Refusal.class,
                e -> assertThat(e.code()).isEqualTo("MEDIA_INVALID")).hasMessageContaining("not an http(s) URL");
    }
}
