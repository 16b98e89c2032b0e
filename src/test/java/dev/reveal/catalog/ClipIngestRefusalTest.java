package dev.reveal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.Api;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.RowCounts;
import dev.reveal.support.Tokens;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A clip that cannot be cut or fetched whole is a 422 naming the reason, with no row and no stored file. */
class ClipIngestRefusalTest extends IntegrationTest {

    private static final String OPERATOR = Tokens.operator("op-ingest");
    private static final byte[] SEGMENT = new byte[4096];
    private static ClipOrigin origin;

    @Autowired
    FileSystemMediaStore store;

    @BeforeAll
    static void serve() {
        origin = new ClipOrigin();
        for (int i = 0; i < 4; i++) {
            origin.put("/ok/s" + i + ".ts", SEGMENT);
        }
        origin.put("/ok/clip.m3u8", playlist("s0.ts", "s1.ts", "s2.ts", "s3.ts"));
        // 3 s segments: boundaries 0, 3000, 6000, 9000, 12000
        origin.put("/threes/clip.m3u8", playlist(3.0, "../ok/s0.ts", "../ok/s1.ts", "../ok/s2.ts", "../ok/s3.ts"));
        origin.put("/missing-segment/clip.m3u8", playlist("../ok/s0.ts", "../ok/s1.ts", "nowhere.ts", "../ok/s3.ts"));
        origin.put("/huge-segment/big.ts", new byte[17 * 1024 * 1024]);
        origin.put("/huge-segment/clip.m3u8", playlist("../ok/s0.ts", "../ok/s1.ts", "big.ts", "../ok/s3.ts"));
        origin.put("/not-http/clip.m3u8", playlist("../ok/s0.ts", "../ok/s1.ts", "ftp://example.com/s2.ts", "../ok/s3.ts"));
        origin.put("/encrypted/clip.m3u8", playlist("../ok/s0.ts", "../ok/s1.ts", "../ok/s2.ts", "../ok/s3.ts")
                .replace("#EXTINF", "#EXT-X-KEY:METHOD=AES-128,URI=\"k.key\"\n#EXTINF"));
        origin.put("/malformed/clip.m3u8", "#EXTM3U\n#EXTINF:four,\ns0.ts\n#EXT-X-ENDLIST\n");
    }

    @AfterAll
    static void stop() {
        origin.close();
    }

    @Test
    void aPreviewEndInsideASegmentIsRefusedNamingTheNearestBoundaries() {
        Map<String, Object> body = event("/threes/clip.m3u8", 8000);
        Api.Response r = refused(body, "MEDIA_CUT_NOT_ON_SEGMENT_BOUNDARY");
        assertThat(r.json().get("boundaryBeforeMs").asInt()).isEqualTo(6000);
        assertThat(r.json().get("boundaryAfterMs").asInt()).isEqualTo(9000);
        assertThat(r.json().get("previewEndMs").asInt()).isEqualTo(8000);
        assertThat(r.json().get("detail").asString()).contains("6000 ms and 9000 ms");
    }

    @Test
    void anUnreachableOversizedOrMalformedSegmentOrPlaylistIsRefusedWithNothingWritten() {
        assertThat(refused(event("/missing-segment/clip.m3u8", 8000), "MEDIA_UNAVAILABLE").json().get("reason").asString())
                .contains("nowhere.ts").contains("404");
        assertThat(refused(event("/huge-segment/clip.m3u8", 8000), "MEDIA_INVALID").json().get("reason").asString())
                .contains("larger than");
        refused(event("/not-http/clip.m3u8", 8000), "MEDIA_INVALID");
        assertThat(refused(event("/encrypted/clip.m3u8", 8000), "MEDIA_INVALID").json().get("reason").asString())
                .contains("already encrypted");
        refused(event("/malformed/clip.m3u8", 8000), "MEDIA_INVALID");
        refused(event("/no-such-clip.m3u8", 8000), "MEDIA_UNAVAILABLE");
    }

    @Test
    void aClipCutOnABoundaryIsStoredAsTwoRenditionsWithOneKey() {
        long stored = store.count();
        Api.Response r = api.as(OPERATOR).post("/admin/v1/events", event("/ok/clip.m3u8", 8000)).send();
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(store.count()).isEqualTo(stored + 2);
        String id = r.json().get("id").asString();
        assertThat(jdbc.queryForList("SELECT media_type FROM event_media WHERE event_id = ?::uuid ORDER BY media_type",
                String.class, id)).containsExactly("HLS", "PREVIEW", "REVEAL");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM media_keys k JOIN event_media m ON m.id = k.event_media_id WHERE m.event_id = ?::uuid
                """, Long.class, id)).isEqualTo(1);
    }

    private Api.Response refused(Map<String, Object> body, String code) {
        Map<String, Long> before = RowCounts.snapshot(jdbc);
        long files = store.count();
        Api.Response r = api.as(OPERATOR).post("/admin/v1/events", body).send();
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.code()).as(r.body()).isEqualTo(code);
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
        assertThat(store.count()).as("renditions stored").isEqualTo(files);
        return r;
    }

    private Map<String, Object> event(String path, int previewEndMs) {
        Map<String, Object> body = CatalogTestData.event(CatalogTestData.keys(jdbc));
        body.put("validateMedia", true);
        body.put("previewEndMs", previewEndMs);
        body.put("revealStartMs", previewEndMs);
        body.put("revealEndMs", 11000);
        Map<String, Object> media = CatalogTestData.media(body);
        media.remove("durationMs");
        media.remove("posterUrl");
        media.put("hlsMasterUrl", origin.url(path));
        return body;
    }

    private static String playlist(String... segments) {
        return playlist(4.0, segments);
    }

    private static String playlist(double seconds, String... segments) {
        StringBuilder p = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n");
        for (String s : segments) {
            p.append("#EXTINF:").append(seconds).append(",\n").append(s).append('\n');
        }
        return p.append("#EXT-X-ENDLIST\n").toString();
    }
}
