package dev.reveal.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.Api;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.PlayerSessions;
import dev.reveal.support.RowCounts;
import dev.reveal.support.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Request limits answer problems: 413 over the body cap, 429 with Retry-After over a player's rate, 400 outside the
 * page-size range, and requests the container itself refuses or text the database cannot store are 400 problems.
 * Timeouts of the one outbound fetch (HLS playlists) are proven by HlsValidationTest.aSlowOriginTimesOutInsteadOfHanging.
 */
class LimitsTest extends IntegrationTest {

    /** The defaults of reveal.rate-limits.*.burst (RateLimits). */
    static final int BET_INTENT_BURST = 100;
    static final int ANALYTICS_BURST = 20;

    @Test
    void anOversizedBodyIs413AndWritesNothing() {
        String ref = PlayerSessions.newRef("limits-big");
        UUID session = PlayerSessions.start(api, ref);
        var before = RowCounts.snapshot(jdbc);
        String big = "{\"sessionId\":\"" + session + "\",\"events\":[{\"eventName\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}]}";
        Api.Response r = api.as(Tokens.player(ref)).post("/api/v1/analytics/events", big).send();
        assertProblem(r, 413, "PAYLOAD_TOO_LARGE");
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void aBurstOfBetIntentsGets429WithRetryAfterForThatPlayerOnly() throws Exception {
        assertBurstLimited("/api/v1/bet-intents", BET_INTENT_BURST);
    }

    @Test
    void aBurstOfAnalyticsBatchesGets429WithRetryAfterForThatPlayerOnly() throws Exception {
        assertBurstLimited("/api/v1/analytics/events", ANALYTICS_BURST);
    }

    @Test
    void pageSizesOutside1To200Are400() {
        String player = Tokens.player(PlayerSessions.newRef("limits-page"));
        String operator = Tokens.operator("limits-op");
        List<String[]> lists = List.of(new String[] {player, "/api/v1/me/bet-intents"}, new String[] {operator, "/admin/v1/events"},
                new String[] {operator, "/admin/v1/audit-logs"}, new String[] {operator, "/admin/v1/localization-keys"},
                new String[] {operator, "/admin/v1/events/overdue"});
        for (String[] list : lists) {
            for (String limit : List.of("0", "201", "-1", "1000000")) {
                assertProblem(api.as(list[0]).get(list[1] + "?limit=" + limit).send(), 400, null);
            }
            assertThat(api.as(list[0]).get(list[1] + "?limit=200").send().status()).as(list[1]).isEqualTo(200);
        }
    }

    @Test
    void requestsTheContainerRefusesAreProblemsToo() {
        String player = Tokens.player("limits-container");
        for (String path : List.of("/api/v1/localizations/%5C", "/api/v1/localizations/a%00b", "/api/v1/events/..%2F..%2Fetc")) {
            assertProblem(api.as(player).get(path).send(), 400, null);
        }
    }

    @Test
    void textTheDatabaseCannotStoreIs400AndWritesNothing() {
        var before = RowCounts.snapshot(jdbc);
        Api.Response r = api.as(Tokens.player(PlayerSessions.newRef("limits-nul"))).post("/api/v1/sessions",
                Map.of("platform", "IOS", "appVersion", "1.0\u0000", "locale", "en")).send();
        assertProblem(r, 400, "INVALID_TEXT");
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void instantsBeyondWhatTheDatabaseStoresAre400() {
        // found by BadInputFuzzTest (seed 8072796195171): a valid ISO instant in the year 1,000,000,000 was a 500
        Api.Response r = api.as(Tokens.operator("limits-far-future"))
                .get("/admin/v1/events?lockTo=%2B1000000000-01-01T00%3A00%3A00Z").send();
        assertProblem(r, 400, "INVALID_TIMESTAMP");
    }

    /** Fires three times the burst at once from one player; another player is served meanwhile. */
    private void assertBurstLimited(String path, int burst) throws Exception {
        String ref = PlayerSessions.newRef("limits-burst");
        String other = Tokens.player(PlayerSessions.newRef("limits-other"));
        String token = Tokens.player(ref);
        int requests = burst * 3;
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Api.Response>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                List<Api.Response> mine = new ArrayList<>();
                for (int i = 0; i < requests / threads; i++) {
                    // an invalid body is refused after the rate check, so the burst costs the database nothing
                    mine.add(api.as(token).post(path, "{}").send());
                }
                return mine;
            }));
        }
        List<Api.Response> all = new ArrayList<>();
        for (Future<List<Api.Response>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        List<Api.Response> limited = all.stream().filter(r -> r.status() == 429).toList();
        assertThat(limited).as("429s out of %d", all.size()).isNotEmpty();
        assertThat(all.stream().filter(r -> r.status() == 400).count()).as("requests let through").isGreaterThanOrEqualTo(burst);
        for (Api.Response r : limited) {
            assertProblem(r, 429, "RATE_LIMITED");
            assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 60L);
        }
        assertThat(api.as(other).post(path, "{}").send().status()).as("another player").isEqualTo(400);
        System.out.printf("rate limit %s: %d requests at once from one player, %d answered 429 with Retry-After%n",
                path, all.size(), limited.size());
    }

    private static void assertProblem(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        // the problem names the trace the response's traceparent carries (one trace per request, however refused)
        assertThat(r.header("traceparent")).contains("-" + r.json().get("traceId").asString() + "-");
        assertThat(r.code()).isNotNull();
        if (code != null) {
            assertThat(r.code()).isEqualTo(code);
        }
    }
}
