package dev.reveal.odds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.TestTraces;
import dev.reveal.support.Api;
import dev.reveal.support.Fixtures;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.RowCounts;
import dev.reveal.support.Tokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OddsPublishingTest extends IntegrationTest {

    private static final String OPERATOR = Tokens.operator("op-odds");

    @Test
    void publishesANewCurrentVersionDerivingTheMissingForm() {
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(3600));
        String traceId = TestTraces.newTraceId();
        Api.Response r = api.as(OPERATOR).post("/admin/v1/markets/" + m.marketId() + "/odds", Map.of("prices", List.of(
                        Map.of("outcomeId", m.yesOutcomeId().toString(), "decimalOdds", 1.3636),
                        Map.of("outcomeCode", "NO", "fractionalOdds", "6/4"))))
                .header("traceparent", TestTraces.traceparent(traceId)).send();

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode v = r.json();
        assertThat(v.get("versionNo").asInt()).isEqualTo(2);
        assertThat(v.get("current").asBoolean()).isTrue();
        assertThat(v.get("prices").get(0).get("fractionalOdds").asString()).isEqualTo("4/11");
        assertThat(v.get("prices").get(1).get("decimalOdds").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(v.get("prices").get(1).get("fractionalOdds").asString()).isEqualTo("3/2");
        assertThat(jdbc.queryForList("SELECT version_no FROM odds_versions WHERE market_id = ? AND is_current", Integer.class,
                m.marketId())).containsExactly(2);

        Map<String, Object> audit = jdbc.queryForMap(
                "SELECT id, trace_id, actor_id FROM audit_logs WHERE target_id = ? AND action_name = 'ODDS_PUBLISHED'", m.marketId());
        assertThat(audit).containsEntry("trace_id", traceId).containsEntry("actor_id", "op-odds");
        assertThat(jdbc.queryForList("SELECT attribute_key || '=' || attribute_value FROM audit_log_attributes WHERE audit_log_id = ?",
                String.class, audit.get("id"))).contains("versionNo=2", "oddsVersionId=" + v.get("id").asString());

        Api.Response history = api.as(OPERATOR).get("/admin/v1/markets/" + m.marketId() + "/odds").send();
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().size()).isEqualTo(2);
        assertThat(history.json().get(0).get("versionNo").asInt()).isEqualTo(2);
        assertThat(history.json().get(1).get("current").asBoolean()).isFalse();
        assertThat(history.json().get(1).get("prices").get(0).get("decimalOdds").decimalValue()).isEqualByComparingTo("1.8");
    }

    @Test
    void refusesIncompleteDuplicateOrInconsistentPricesWithNothingWritten() {
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(3600));
        String path = "/admin/v1/markets/" + m.marketId() + "/odds";
        assertRefused(path, Map.of("prices", List.of(Map.of("outcomeCode", "YES", "decimalOdds", 1.5))), "prices");
        assertRefused(path, Map.of("prices", List.of(Map.of("outcomeCode", "YES", "decimalOdds", 1.5),
                Map.of("outcomeCode", "YES", "decimalOdds", 1.6), Map.of("outcomeCode", "NO", "decimalOdds", 2))), "prices[1]");
        assertRefused(path, Map.of("prices", List.of(Map.of("outcomeCode", "YES", "decimalOdds", 1.5, "fractionalOdds", "4/5"),
                Map.of("outcomeCode", "NO", "decimalOdds", 2))), "prices[0]");
        assertRefused(path, Map.of("prices", List.of(Map.of("outcomeCode", "YES", "decimalOdds", 1.0),
                Map.of("outcomeCode", "NO"))), "prices[1]");
        assertRefused(path, Map.of("prices", List.of(Map.of("outcomeCode", "MAYBE", "decimalOdds", 3),
                Map.of("outcomeCode", "YES", "decimalOdds", 1.5), Map.of("outcomeCode", "NO", "decimalOdds", 2))),
                "prices[0].outcomeCode");
        Map<String, Long> before = RowCounts.snapshot(jdbc);
        assertThat(api.as(OPERATOR).post(path, Map.of("prices", List.of())).send().status()).isEqualTo(400);
        assertThat(api.as(OPERATOR).post("/admin/v1/markets/" + java.util.UUID.randomUUID() + "/odds",
                Map.of("prices", List.of(Map.of("outcomeCode", "YES", "decimalOdds", 1.5)))).send().status()).isEqualTo(404);
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void lockedSettledOrVoidMarketsTakeNoOdds() {
        Map<String, Object> body = Map.of("prices", List.of(Map.of("outcomeCode", "YES", "decimalOdds", 1.5),
                Map.of("outcomeCode", "NO", "decimalOdds", 2.5)));
        for (String status : List.of("LOCKED", "SETTLED", "VOID")) {
            Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(3600));
            jdbc.update("UPDATE markets SET status = ? WHERE id = ?", status, m.marketId());
            Map<String, Long> before = RowCounts.snapshot(jdbc);
            Api.Response r = api.as(OPERATOR).post("/admin/v1/markets/" + m.marketId() + "/odds", body).send();
            assertThat(r.status()).as(status).isEqualTo(409);
            assertThat(r.json().get("currentStatus").asString()).isEqualTo(status);
            assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
        }
        Fixtures.OpenMarket pastLock = Fixtures.openMarket(jdbc, Instant.now().minusSeconds(1));
        assertThat(api.as(OPERATOR).post("/admin/v1/markets/" + pastLock.marketId() + "/odds", body).send().status()).isEqualTo(409);
    }

    @Test
    void parallelPublishesNumberVersionsWithoutGapsAndKeepOneCurrent() throws Exception {
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(3600));
        int publishers = 20;
        CyclicBarrier start = new CyclicBarrier(publishers);
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                String decimal = "1." + (10 + i);
                calls.add(pool.submit(() -> {
                    start.await();
                    return api.as(OPERATOR).post("/admin/v1/markets/" + m.marketId() + "/odds", Map.of("prices", List.of(
                            Map.of("outcomeCode", "YES", "decimalOdds", new java.math.BigDecimal(decimal)),
                            Map.of("outcomeCode", "NO", "decimalOdds", 2.2)))).send();
                }));
            }
            for (Future<Api.Response> call : calls) {
                statuses.add(call.get().status());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsOnly(201);
        List<Integer> versions = jdbc.queryForList("SELECT version_no FROM odds_versions WHERE market_id = ? ORDER BY version_no",
                Integer.class, m.marketId());
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= publishers + 1; i++) {
            expected.add(i);
        }
        assertThat(versions).containsExactlyElementsOf(expected);
        assertThat(jdbc.queryForList("SELECT version_no FROM odds_versions WHERE market_id = ? AND is_current", Integer.class,
                m.marketId())).containsExactly(publishers + 1);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM outcome_odds oo JOIN odds_versions v ON v.id = oo.odds_version_id WHERE v.market_id = ?
                """, Long.class, m.marketId())).isEqualTo(2L * (publishers + 1));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_logs WHERE target_id = ? AND action_name = 'ODDS_PUBLISHED'",
                Long.class, m.marketId())).isEqualTo(publishers);
    }

    private void assertRefused(String path, Object body, String field) {
        Map<String, Long> before = RowCounts.snapshot(jdbc);
        Api.Response r = api.as(OPERATOR).post(path, body).send();
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).as(r.body()).contains(field);
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }
}
