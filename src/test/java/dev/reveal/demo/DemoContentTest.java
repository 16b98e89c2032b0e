package dev.reveal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.Api;
import dev.reveal.support.WebContextTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Demo content through the real services: loaded at start, never duplicated, playable, and reloadable. */
class DemoContentTest extends WebContextTest {

    @Autowired
    DemoContent content;

    @Test
    void startLoadsOpenDemoEventsLockingInTheFutureEachWithItsSportsClipCut() {
        // loaded at start by the operator demo-loader: a newcomer has minutes to predict on each
        List<java.util.Map<String, Object>> rows = jdbc.queryForList("""
                SELECT e.status, extract(epoch FROM e.lock_at - a.created_at) AS lead_seconds, m.hls_master_url,
                       s.hls_master_url AS source_url
                FROM events e JOIN event_media m ON m.event_id = e.id AND m.media_type = 'PREVIEW'
                JOIN event_media s ON s.event_id = e.id AND s.media_type = 'HLS'
                JOIN audit_logs a ON a.target_id = e.id AND a.action_name = 'EVENT_PUBLISHED' AND a.actor_id = 'demo-loader'
                WHERE e.source_ref LIKE 'demo-s%' ORDER BY e.lock_at""");
        assertThat(rows).hasSize(3);
        assertThat(rows).allSatisfy(r -> {
            assertThat(((Number) r.get("lead_seconds")).doubleValue()).isBetween(4 * 60.0, 15 * 60.0);
            assertThat((String) r.get("hls_master_url")).matches("^/media/[A-Za-z0-9_-]{22}/preview\\.m3u8$");
            Api.Response playlist = api.get((String) r.get("hls_master_url")).send();
            assertThat(playlist.status()).isEqualTo(200);
            assertThat(playlist.body()).contains("#EXTINF").doesNotContain("#EXT-X-KEY");
        });
        assertThat(rows).extracting(r -> ((String) r.get("source_url")).replaceAll(".*/([a-z]+)/clip\\.m3u8$", "$1"))
                .containsExactly("penalty", "breakaway", "breakpoint");
        // the raw clips (reveal in the clear) are not static files any more
        assertThat(api.get("/media/demo/clip.m3u8").send().status()).isEqualTo(404);
        assertThat(api.get("/media/demo/segment03.ts").send().status()).isEqualTo(404);
        assertThat(api.get("/media/demo-source/guess/penalty/segment05.ts").send().status()).isEqualTo(404);
    }

    /** Issue 13 item 5: a Host header never ends up in stored media URLs (before: http://evil.example/media/...). */
    @Test
    void aReloadWithAForeignHostHeaderStoresOnlyRelativeMediaUrls() throws Exception {
        String operator = "ops-host-" + UUID.randomUUID().toString().substring(0, 8);
        String answer = rawPost("/admin/v1/demo/reload", "evil.example", demoToken(operator, true));
        assertThat(answer).startsWith("HTTP/1.1 200");
        List<String> stored = jdbc.queryForList("""
                SELECT m.hls_master_url || ' ' || coalesce(m.poster_url, '') FROM event_media m
                JOIN audit_logs a ON a.target_id = m.event_id AND a.action_name = 'EVENT_CREATED' AND a.actor_id = ?""",
                String.class, operator);
        assertThat(stored).isNotEmpty().allSatisfy(u -> assertThat(u).doesNotContain("evil.example"));
        List<String> urls = jdbc.queryForList("""
                SELECT m.hls_master_url || ' ' || coalesce(m.poster_url, '') FROM event_media m
                JOIN audit_logs a ON a.target_id = m.event_id AND a.action_name = 'EVENT_CREATED' AND a.actor_id = ?
                WHERE m.media_type IN ('PREVIEW', 'REVEAL')""", String.class, operator);
        assertThat(urls).hasSize(6).allSatisfy(u -> assertThat(u).doesNotContain("evil.example").startsWith("/media/"));
        String feed = api.as(demoToken("p-" + UUID.randomUUID().toString().substring(0, 6), false))
                .get("/api/v1/feed?locale=en").send().body();
        assertThat(feed).doesNotContain("evil.example").doesNotContain("\"hlsUrl\":\"http");
    }

    /** Issue 13 item 10: media URLs are relative, so a page opened at 127.0.0.1 loads them from where it is. */
    @Test
    void demoMediaLoadsFromThePagesOwnOriginWhateverTheAddress() throws Exception {
        JsonNode feed = api.as(demoToken("p-" + UUID.randomUUID().toString().substring(0, 6), false))
                .get("/api/v1/feed?locale=en").send().json();
        assertThat(feed.get("events").size()).isPositive();
        for (JsonNode event : feed.get("events")) {
            for (JsonNode media : event.get("media")) {
                String url = media.get("hlsUrl").asString();
                assertThat(url).startsWith("/media/");
                assertThat(media.get("mediaType").asString()).isEqualTo("PREVIEW");
                for (String origin : List.of("http://127.0.0.1:" + port, "http://localhost:" + port)) {
                    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(origin + url)).header("Origin", origin).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(origin + url).isEqualTo(200);
                }
            }
        }
    }

    private String rawPost(String path, String host, String token) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            String request = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void loadingAgainWhileDemoEventsAreOpenAddsNothing() {
        long before = demoEventCount();
        assertThat(content.loadIfNeeded(target())).isEmpty();
        assertThat(demoEventCount()).isEqualTo(before);
    }

    @Test
    void theSameBatchLoadedTwiceAndConcurrentlyIsOneSetOfPublishedEvents() throws Exception {
        String batch = "t" + UUID.randomUUID().toString().substring(0, 8);
        Instant lock = Instant.now().plusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CyclicBarrier start = new CyclicBarrier(3);
        List<Future<List<UUID>>> loads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Callable<List<UUID>> load = () -> {
                start.await();
                return content.load(batch, lock, target());
            };
            loads.add(pool.submit(load));
        }
        Set<UUID> ids = new java.util.HashSet<>();
        for (Future<List<UUID>> f : loads) {
            ids.addAll(f.get());
        }
        pool.shutdown();
        ids.addAll(content.load(batch, lock, target()));

        assertThat(ids).hasSize(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM events WHERE source_ref LIKE ?", Long.class, "demo-" + batch + "-%"))
                .isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT status FROM events WHERE source_ref LIKE ?", String.class, "demo-" + batch + "-%"))
                .containsOnly("OPEN");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM audit_logs WHERE action_name = 'EVENT_PUBLISHED' AND target_id IN (
                  SELECT id FROM events WHERE source_ref LIKE ?)""", Long.class, "demo-" + batch + "-%")).isEqualTo(3);
    }

    @Test
    void twoReloadsWithinOneSecondAreTwoBatches() {
        String token = demoToken("ops-" + UUID.randomUUID().toString().substring(0, 8), true);
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        api.as(token).post("/admin/v1/demo/reload", null).send().json().get("eventIds").forEach(id -> first.add(id.asString()));
        api.as(token).post("/admin/v1/demo/reload", null).send().json().get("eventIds").forEach(id -> second.add(id.asString()));
        assertThat(first).hasSize(3).doesNotContainAnyElementsOf(second);
        assertThat(second).hasSize(3);
    }

    @Test
    void anOperatorReloadsAFreshBatchThatPlayersSeeInTheirLanguage() {
        String operator = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response reloaded = api.as(demoToken(operator, true)).post("/admin/v1/demo/reload", null).send();
        assertThat(reloaded.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reloaded.json().get("eventIds").forEach(id -> ids.add(id.asString()));
        assertThat(ids).hasSize(3);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM audit_logs WHERE action_name = 'EVENT_CREATED' AND actor_id = ?""", Long.class, operator))
                .isEqualTo(3);

        String player = demoToken("demo-player-" + UUID.randomUUID().toString().substring(0, 6), false);
        JsonNode event = api.as(player).get("/api/v1/events/" + ids.get(0) + "?locale=sv").send().json();
        assertThat(event.get("status").asString()).isEqualTo("OPEN");
        assertThat(event.get("title").asString()).isEqualTo("Straff: Malmö FF mot AIK");
        assertThat(event.get("markets").get(0).get("question").asString()).isEqualTo("Blir straffen mål?");
        assertThat(event.get("markets").get(0).get("outcomes").get(0).get("label").asString()).isEqualTo("Ja");
        assertThat(event.has("revealStartMs")).isFalse();
    }

    @Test
    void demoTokensCarryTheRoleAskedFor() {
        String player = demoToken("demo-p-" + UUID.randomUUID().toString().substring(0, 6), false);
        String operator = demoToken("demo-o-" + UUID.randomUUID().toString().substring(0, 6), true);
        assertThat(api.as(player).get("/api/v1/feed?locale=en").send().status()).isEqualTo(200);
        Api.Response plain = api.post("/demo/token", java.util.Map.of("subject", "just-a-name")).send();
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.json().get("operator").asBoolean()).isFalse();
        assertThat(api.as(plain.json().get("token").asString()).get("/admin/v1/events/overdue").send().status()).isEqualTo(403);
        assertThat(api.as(player).get("/admin/v1/events/overdue").send().status()).isEqualTo(403);
        assertThat(api.as(operator).get("/admin/v1/events/overdue").send().status()).isEqualTo(200);
        assertThat(api.get("/demo").send().json().get("signIn").asBoolean()).isTrue();
        Api.Response bad = api.post("/demo/token", java.util.Map.of("subject", "no spaces please", "operator", false)).send();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("VALIDATION_FAILED");
    }

    private DemoContent.Target target() {
        return new DemoContent.Target(baseUrl(), demoToken("demo-test-loader", true));
    }

    private long demoEventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM events WHERE source_ref LIKE 'demo-%'", Long.class);
    }
}
