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
    void startLoadsOpenDemoEventsLockingInTheFutureWithTheShippedClip() {
        // loaded at start by the operator demo-loader: a newcomer has minutes to predict on each
        List<java.util.Map<String, Object>> rows = jdbc.queryForList("""
                SELECT e.status, extract(epoch FROM e.lock_at - a.created_at) AS lead_seconds, m.hls_master_url
                FROM events e JOIN event_media m ON m.event_id = e.id
                JOIN audit_logs a ON a.target_id = e.id AND a.action_name = 'EVENT_PUBLISHED' AND a.actor_id = 'demo-loader'
                WHERE e.source_ref LIKE 'demo-s%'""");
        assertThat(rows).hasSize(3);
        assertThat(rows).allSatisfy(r -> {
            assertThat(((Number) r.get("lead_seconds")).doubleValue()).isBetween(4 * 60.0, 15 * 60.0);
            assertThat((String) r.get("hls_master_url")).isEqualTo(baseUrl() + "/media/demo/clip.m3u8");
        });
        Api.Response playlist = api.get("/media/demo/clip.m3u8").send();
        assertThat(playlist.status()).isEqualTo(200);
        assertThat(playlist.body()).contains("#EXTINF");
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
        return new DemoContent.Target(baseUrl(), baseUrl(), demoToken("demo-test-loader", true));
    }

    private long demoEventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM events WHERE source_ref LIKE 'demo-%'", Long.class);
    }
}
