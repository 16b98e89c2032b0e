package dev.reveal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reveal.audit.AuditVerification;
import dev.reveal.support.Api;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.PlayerSessions;
import dev.reveal.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The fair-play promise end to end: a player who follows every URL the API gives them (feed, event detail, stream,
 * history) and every playlist those reference gets no byte of the reveal in the clear and no key before the lock;
 * after it the same walk yields the reveal, and its segments decrypt to exactly the source's bytes.
 */
class FairPlayMediaTest extends IntegrationTest {

    private static final int SEGMENTS = 8;
    private static final int CUT = 4;
    private static final Pattern URL_IN_JSON = Pattern.compile("\"((?:https?://|/)[^\"\\s]*)\"");
    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static ClipOrigin origin;

    @Autowired
    LifecycleJob lifecycle;

    @Autowired
    AuditVerification verification;

    @Autowired
    RevealLinks links;

    @BeforeAll
    static void serveClips() {
        origin = new ClipOrigin();
        for (String clip : List.of("penalty", "breakpoint")) {
            origin.shipped(clip, "clip.m3u8", "poster.jpg");
            String ext = clip.equals("breakpoint") ? ".m4s" : ".ts";
            for (int i = 0; i < SEGMENTS; i++) {
                origin.shipped(clip, String.format("segment%02d%s", i, ext));
            }
        }
        origin.shipped("breakpoint", "init.mp4");
    }

    @AfterAll
    static void stop() {
        origin.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"penalty", "breakpoint"})
    void beforeTheLockNoRevealByteAndNoKeyAfterItTheRevealDecryptsToTheSource(String clip) throws Exception {
        String ext = clip.equals("breakpoint") ? ".m4s" : ".ts";
        List<byte[]> source = new ArrayList<>();
        for (int i = 0; i < SEGMENTS; i++) {
            source.add(ClipOrigin.shippedBytes(clip, String.format("segment%02d%s", i, ext)));
        }
        Instant lockAt = Instant.now().plusSeconds(6);
        UUID eventId = createAndPublish(clip, lockAt);

        String ref = PlayerSessions.newRef("fair");
        String token = Tokens.player(ref);
        UUID session = PlayerSessions.start(api, ref);
        try (Stream stream = new Stream(port, token)) {
            predict(token, session, eventId);

            // before the lock: everything reachable from the player's API
            Walk before = walk(token, eventId, stream);
            assertThat(before.fetched).as("the walk reached the preview").isNotEmpty();
            for (int i = CUT; i < SEGMENTS; i++) {
                byte[] clear = source.get(i);
                assertThat(before.bodies()).as("reveal segment %d in the clear", i).noneMatch(b -> contains(b, clear));
            }
            assertThat(before.urls).as("no reveal link before the lock").noneMatch(u -> u.contains("reveal") || u.contains("/keys/"));
            for (int i = 0; i < CUT; i++) {
                byte[] clear = source.get(i);
                assertThat(before.bodies()).as("preview segment %d", i).anyMatch(b -> Arrays.equals(b, clear));
            }
            // the store serves ranges and lets caches keep segments
            String segmentUrl = before.fetched.keySet().stream().filter(u -> u.endsWith("/p001" + ext)).findFirst().orElseThrow();
            HttpResponse<byte[]> range = HTTP.send(HttpRequest.newBuilder(URI.create(segmentUrl)).header("Range", "bytes=10-109")
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.body()).isEqualTo(Arrays.copyOfRange(source.get(1), 10, 110));
            assertThat(range.headers().firstValue("Cache-Control").orElse("")).contains("public").contains("immutable");

            // even with the reveal's stored path (a leak from the database), nothing is served without a valid link,
            // and a valid link (as the service would sign it) still gives no playlist and no key before the lock
            Map<String, Object> reveal = jdbc.queryForMap("""
                    SELECT em.hls_master_url, k.id AS key_id FROM event_media em JOIN media_keys k ON k.event_media_id = em.id
                    WHERE em.event_id = ? AND em.media_type = 'REVEAL'
                    """, eventId);
            String revealPath = (String) reveal.get("hls_master_url");
            UUID keyId = (UUID) reveal.get("key_id");
            assertThat(get(revealPath).statusCode()).isEqualTo(404);
            String signed = links.signedPlaylist(revealPath);
            assertThat(get(signed).statusCode()).isEqualTo(404);
            long exp = Instant.now().plusSeconds(600).getEpochSecond();
            HttpResponse<byte[]> unknownKey = get("/media/keys/" + UUID.randomUUID() + "?exp=" + exp + "&sig=x");
            HttpResponse<byte[]> earlyKey = get(links.signedKey(keyId, exp));
            assertThat(earlyKey.statusCode()).isEqualTo(404);
            // indistinguishable from an unknown key
            assertThat(unknownKey.statusCode()).isEqualTo(404);
            for (String field : List.of("code", "detail", "title")) {
                assertThat(json.readTree(earlyKey.body()).get(field)).isEqualTo(json.readTree(unknownKey.body()).get(field));
            }
            String revealDir = revealPath.substring(0, revealPath.lastIndexOf('/') + 1);
            for (int i = 0; i < SEGMENTS - CUT; i++) {
                HttpResponse<byte[]> sealed = get(revealDir + String.format("r%03d%s", i, ext));
                assertThat(sealed.statusCode()).isEqualTo(200);
                assertThat(contains(sealed.body(), source.get(CUT + i))).as("stored reveal segment is encrypted").isFalse();
            }
            assertThat(get(revealDir + HlsCrypto.REVEAL_TEMPLATE).statusCode()).isEqualTo(404);

            // after the lock by the clock (and once the job has flipped the status, for the stream)
            await().atMost(Duration.ofSeconds(15)).until(() -> !Instant.now().isBefore(lockAt));
            lifecycle.runOnce();
            stream.awaitLine(l -> l.contains("\"LOCKED\"") && l.contains(eventId.toString()));
            Walk after = walk(token, eventId, stream);
            String revealUrl = after.urls.stream().filter(u -> u.contains("/reveal.m3u8?")).findFirst().orElseThrow();
            HttpResponse<byte[]> playlist = get(revealUrl);
            assertThat(playlist.statusCode()).isEqualTo(200);
            assertThat(playlist.headers().firstValue("Cache-Control").orElse("")).contains("private");
            String text = new String(playlist.body());
            Matcher key = Pattern.compile("#EXT-X-KEY:METHOD=AES-128,URI=\"([^\"]+)\",IV=0x([0-9a-f]{32})").matcher(text);
            assertThat(key.find()).as(text).isTrue();
            // many players at the lock at once: every one gets the key, its first release is audited once
            List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racers.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(api.baseUrl() + key.group(1))).build(),
                        HttpResponse.BodyHandlers.ofByteArray()));
            }
            for (var racer : racers) {
                assertThat(racer.get().statusCode()).isEqualTo(200);
            }
            HttpResponse<byte[]> keyResponse = get(key.group(1));
            assertThat(keyResponse.statusCode()).isEqualTo(200);
            assertThat(keyResponse.body()).hasSize(16);
            assertThat(keyResponse.headers().firstValue("Cache-Control").orElse("")).contains("private");
            byte[] iv = HexFormat.of().parseHex(key.group(2));
            // the reveal playlist runs the whole clip: the preview's clear segments, the key, the encrypted rest
            List<String> all = text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            assertThat(all).hasSize(SEGMENTS);
            String afterKey = text.substring(text.indexOf("#EXT-X-KEY"));
            List<String> segments = afterKey.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            assertThat(segments).hasSize(SEGMENTS - CUT);
            URI base = URI.create(api.baseUrl() + revealUrl);
            for (int i = 0; i < segments.size(); i++) {
                byte[] sealed = get(base.resolve(segments.get(i)).toString()).body();
                assertThat(decrypt(sealed, keyResponse.body(), iv)).as("reveal segment %d decrypted", i)
                        .isEqualTo(source.get(CUT + i));
            }
            if (clip.equals("breakpoint")) {
                assertThat(text).contains("#EXT-X-MAP:URI=\"init.mp4\"");
                assertThat(get(base.resolve("init.mp4").toString()).body()).isEqualTo(ClipOrigin.shippedBytes(clip, "init.mp4"));
            }

            assertThat(jdbc.queryForObject("""
                    SELECT count(*) FROM audit_logs WHERE action_name = 'MEDIA_KEY_RELEASED'
                      AND target_id = (SELECT event_media_id FROM media_keys WHERE id = ?)
                    """, Long.class, keyId)).isEqualTo(1);
            Map<String, Object> released = jdbc.queryForMap("""
                    SELECT l.created_at, a.attribute_value AS lock_at FROM audit_logs l
                    JOIN audit_log_attributes a ON a.audit_log_id = l.id AND a.attribute_key = 'lockAt'
                    WHERE l.action_name = 'MEDIA_KEY_RELEASED' AND l.target_id = (SELECT event_media_id FROM media_keys WHERE id = ?)
                    """, keyId);
            Instant releasedAt = ((java.sql.Timestamp) released.get("created_at")).toInstant();
            assertThat(releasedAt).isAfterOrEqualTo(Instant.parse((String) released.get("lock_at")));
            assertThat(verification.verify().intact()).isTrue();
        }
    }

    private UUID createAndPublish(String clip, Instant lockAt) {
        CatalogTestData.Keys keys = CatalogTestData.keys(jdbc);
        Map<String, Object> body = CatalogTestData.event(keys);
        body.put("validateMedia", true);
        body.put("previewEndMs", 8000);
        body.put("revealStartMs", 8000);
        body.put("revealEndMs", 16000);
        body.put("lockAt", lockAt.toString());
        Map<String, Object> media = CatalogTestData.media(body);
        media.remove("durationMs");
        media.put("hlsMasterUrl", origin.url("/" + clip + "/clip.m3u8"));
        media.put("posterUrl", origin.url("/" + clip + "/poster.jpg"));
        String operator = Tokens.operator("op-fair");
        Api.Response created = api.as(operator).post("/admin/v1/events", body).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().get("id").asString());
        Api.Response published = api.as(operator).post("/admin/v1/events/" + id + "/publish", null).send();
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        return id;
    }

    private void predict(String token, UUID session, UUID eventId) {
        Api.Response detail = api.as(token).get("/api/v1/events/" + eventId).send();
        var market = detail.json().get("markets").get(0);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessionId", session.toString());
        body.put("marketId", market.get("id").asString());
        body.put("outcomeId", market.get("outcomes").get(0).get("id").asString());
        body.put("oddsVersionId", market.get("oddsVersionId").asString());
        body.put("clientSentAt", Instant.now().toString());
        Api.Response r = api.as(token).post("/api/v1/bet-intents", body).header("Idempotency-Key", UUID.randomUUID().toString()).send();
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private record Walk(Set<String> urls, Map<String, byte[]> fetched) {
        List<byte[]> bodies() {
            return new ArrayList<>(fetched.values());
        }
    }

    /** Every URL in the player's answers, and everything reachable from them through playlists. */
    private Walk walk(String token, UUID eventId, Stream stream) throws Exception {
        List<String> answers = new ArrayList<>();
        answers.add(api.as(token).get("/api/v1/feed?locale=en").send().body());
        answers.add(api.as(token).get("/api/v1/events/" + eventId + "?locale=en").send().body());
        answers.add(api.as(token).get("/api/v1/me/bet-intents?limit=50").send().body());
        answers.add(api.as(token).get("/api/v1/me/summary").send().body());
        answers.addAll(stream.lines());
        Set<String> urls = new LinkedHashSet<>();
        for (String answer : answers) {
            Matcher m = URL_IN_JSON.matcher(answer);
            while (m.find()) {
                urls.add(m.group(1));
            }
        }
        Map<String, byte[]> fetched = new HashMap<>();
        Deque<URI> queue = new ArrayDeque<>();
        urls.stream().filter(u -> u.startsWith("/media/") || u.startsWith("http"))
                .forEach(u -> queue.add(URI.create(u.startsWith("/") ? api.baseUrl() + u : u)));
        while (!queue.isEmpty()) {
            URI next = queue.poll();
            if (fetched.containsKey(next.toString())) {
                continue;
            }
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(next).build(), HttpResponse.BodyHandlers.ofByteArray());
            fetched.put(next.toString(), r.statusCode() == 200 ? r.body() : new byte[0]);
            String text = new String(r.body());
            if (r.statusCode() == 200 && text.startsWith("#EXTM3U")) {
                for (String line : text.lines().toList()) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        queue.add(next.resolve(line.trim()));
                    }
                    Matcher attr = URI_ATTRIBUTE.matcher(line);
                    while (attr.find()) {
                        queue.add(next.resolve(attr.group(1)));
                    }
                }
            }
        }
        return new Walk(urls, fetched);
    }

    private HttpResponse<byte[]> get(String pathOrUrl) throws Exception {
        URI uri = URI.create(pathOrUrl.startsWith("/") ? api.baseUrl() + pathOrUrl : pathOrUrl);
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        if (needle.length == 0 || haystack.length < needle.length) {
            return false;
        }
        // a 1 KB probe of the needle is enough to tell a segment apart
        byte[] probe = Arrays.copyOfRange(needle, needle.length / 2, Math.min(needle.length, needle.length / 2 + 1024));
        outer:
        for (int i = 0; i <= haystack.length - probe.length; i++) {
            for (int j = 0; j < probe.length; j++) {
                if (haystack[i + j] != probe[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The player's event stream, read in the background. */
    static final class Stream implements AutoCloseable {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread reader;
        private volatile java.util.stream.Stream<String> body;

        Stream(int port, String token) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/stream?locale=en"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
            reader = new Thread(() -> {
                try {
                    body = HTTP.send(request, HttpResponse.BodyHandlers.ofLines()).body();
                    body.forEach(lines::add);
                } catch (Exception ignored) {
                    // closed
                }
            }, "fair-play-stream");
            reader.setDaemon(true);
            reader.start();
        }

        List<String> lines() {
            return List.copyOf(lines);
        }

        void awaitLine(java.util.function.Predicate<String> match) {
            await().atMost(Duration.ofSeconds(15)).until(() -> lines.stream().anyMatch(match));
        }

        @Override
        public void close() {
            if (body != null) {
                body.close();
            }
            reader.interrupt();
        }
    }

    /** What a player does with a segment: AES-128-CBC with the released key, as RFC 8216 §5.2 says (PKCS7 is Java's PKCS5). */
    private static byte[] decrypt(byte[] sealed, byte[] key, byte[] iv) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return cipher.doFinal(sealed);
    }
}
