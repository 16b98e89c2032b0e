package dev.reveal.catalog;

import static dev.reveal.catalog.CatalogTestData.event;
import static dev.reveal.catalog.CatalogTestData.market;
import static dev.reveal.catalog.CatalogTestData.media;
import static dev.reveal.catalog.CatalogTestData.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.TestTraces;
import dev.reveal.support.Api;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.RowCounts;
import dev.reveal.support.Tokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventCreationTest extends IntegrationTest {

    private static final String OPERATOR = Tokens.operator("op-create");
    private CatalogTestData.Keys keys;

    @BeforeEach
    void keys() {
        keys = CatalogTestData.keys(jdbc);
    }

    @Test
    void createsEverythingInOneRequestAndReadsItBack() {
        Map<String, Object> body = event(keys);
        List<Object> markets = (List<Object>) body.get("markets");
        Map<String, Object> second = market(keys);
        second.put("marketType", "MULTIPLE_CHOICE");
        second.put("lockAt", Instant.parse((String) body.get("lockAt")).minusSeconds(60).toString());
        ((List<Object>) second.get("outcomes")).add(outcome("DRAW", keys.yes(), "3.5", "5/2"));
        markets.add(second);
        String traceId = TestTraces.newTraceId();

        Api.Response created = api.as(OPERATOR).post("/admin/v1/events", body)
                .header("traceparent", CatalogTestData.traceparent(traceId)).send();

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode e = created.json();
        UUID id = UUID.fromString(e.get("id").asString());
        assertThat(e.get("status").asString()).isEqualTo("DRAFT");
        assertThat(e.get("revealStartMs").asInt()).isEqualTo(8000);
        assertThat(e.get("media").get("durationMs").asInt()).isEqualTo(20000);
        assertThat(e.get("media").get("revealEndMs").asInt()).isEqualTo(15000);
        JsonNode first = e.get("markets").get(0);
        assertThat(first.get("status").asString()).isEqualTo("DRAFT");
        assertThat(first.get("lockAt").asString()).isEqualTo(e.get("lockAt").asString());
        assertThat(first.get("oddsVersionNo").asInt()).isEqualTo(1);
        assertThat(first.get("outcomes").get(0).get("fractionalOdds").asString()).isEqualTo("4/5");
        assertThat(first.get("outcomes").get(1).get("decimalOdds").decimalValue()).isEqualByComparingTo("2.1");
        JsonNode draw = e.get("markets").get(1).get("outcomes").get(2);
        assertThat(draw.get("code").asString()).isEqualTo("DRAW");
        assertThat(draw.get("decimalOdds").decimalValue()).isEqualByComparingTo("3.5");

        Api.Response read = api.as(OPERATOR).get("/admin/v1/events/" + id).send();
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(e);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM markets WHERE event_id = ?", Long.class, id)).isEqualTo(2);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM outcome_odds oo JOIN odds_versions v ON v.id = oo.odds_version_id
                JOIN markets m ON m.id = v.market_id WHERE m.event_id = ? AND v.is_current AND v.version_no = 1
                """, Long.class, id)).isEqualTo(5);
        Map<String, Object> audit = jdbc.queryForMap(
                "SELECT * FROM audit_logs WHERE target_id = ? AND action_name = 'EVENT_CREATED'", id);
        assertThat(audit).containsEntry("actor_type", "OPERATOR").containsEntry("actor_id", "op-create")
                .containsEntry("trace_id", traceId);
        assertThat(attributes((UUID) audit.get("id"))).containsEntry("newStatus", "DRAFT")
                .containsEntry("sourceRef", (String) body.get("sourceRef")).containsEntry("marketCount", "2");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM audit_logs WHERE action_name = 'ODDS_PUBLISHED' AND trace_id = ?
                """, Long.class, traceId)).isEqualTo(2);
    }

    @Test
    void everyRuleRefusesWithNothingWritten() {
        Instant past = Instant.now().minusSeconds(60);
        assertRefused(b -> b.put("lockAt", past.toString()), "lockAt");
        assertRefused(b -> b.put("settleAt", b.get("lockAt")), "settleAt");
        assertRefused(b -> b.put("previewEndMs", 0), "previewEndMs");
        assertRefused(b -> b.put("revealStartMs", 7000), "revealStartMs");
        assertRefused(b -> b.put("revealEndMs", 8000), "revealEndMs");
        assertRefused(b -> media(b).put("durationMs", 14000), "revealEndMs");
        assertRefused(b -> media(b).put("revealEndMs", 25000), "media.revealEndMs");
        assertRefused(b -> media(b).put("hlsMasterUrl", "ftp://cdn.example/a.m3u8"), "media.hlsMasterUrl");
        assertRefused(b -> media(b).put("posterUrl", "javascript:alert(1)"), "media.posterUrl");
        assertRefused(b -> market(b, 0).put("lockAt", Instant.parse((String) b.get("lockAt")).plusSeconds(1).toString()),
                "markets[0].lockAt");
        assertRefused(b -> market(b, 0).put("lockAt", past.toString()), "markets[0].lockAt");
        assertRefused(b -> ((List<?>) market(b, 0).get("outcomes")).remove(1), "markets[0].outcomes");
        assertRefused(b -> ((List<Object>) market(b, 0).get("outcomes")).add(outcome("MAYBE", keys.yes(), "3", null)),
                "markets[0].outcomes");
        assertRefused(b -> outcome(b, 0, 1).put("code", "YES"), "markets[0].outcomes[1].code");
        assertRefused(b -> outcome(b, 0, 1).put("code", "no way"), "markets[0].outcomes[1].code");
        assertRefused(b -> outcome(b, 0, 0).remove("decimalOdds"), "markets[0].outcomes[0].decimalOdds");
        assertRefused(b -> outcome(b, 0, 0).put("decimalOdds", 1.0), "markets[0].outcomes[0].decimalOdds");
        assertRefused(b -> outcome(b, 0, 0).put("fractionalOdds", "1/3"), "markets[0].outcomes[0].decimalOdds");
        assertRefused(b -> market(b, 0).put("questionKey", "no.such.key"), "markets[0].questionKey");
        assertRefused(b -> outcome(b, 0, 1).put("labelKey", "no.such.label"), "markets[0].outcomes[1].labelKey");
        assertRefused(b -> market(b, 0).put("settlementRuleKey", "no.such.rule"), "markets[0].settlementRuleKey");
    }

    @Test
    void listsEveryOffendingFieldAtOnce() {
        Map<String, Object> body = event(keys);
        body.put("settleAt", body.get("lockAt"));
        market(body, 0).put("questionKey", "missing.question");
        outcome(body, 0, 1).put("code", "YES");
        Map<String, Long> before = RowCounts.snapshot(jdbc);

        Api.Response r = api.as(OPERATOR).post("/admin/v1/events", body).send();

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(r)).contains("settleAt", "markets[0].questionKey", "markets[0].outcomes[1].code");
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void shapeErrorsAreBadRequests() {
        Map<String, Object> body = event(keys);
        body.remove("titleEn");
        body.put("markets", List.of());
        Map<String, Long> before = RowCounts.snapshot(jdbc);
        Api.Response r = api.as(OPERATOR).post("/admin/v1/events", body).send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(fields(r)).contains("titleEn", "markets");
        Map<String, Object> badSport = event(keys);
        badSport.put("sportType", "CHESS");
        assertThat(api.as(OPERATOR).post("/admin/v1/events", badSport).send().code()).isEqualTo("MALFORMED_BODY");
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void sourceRefMakesCreationIdempotent() {
        Map<String, Object> body = event(keys);
        Api.Response first = api.as(OPERATOR).post("/admin/v1/events", body).send();
        assertThat(first.status()).isEqualTo(201);
        Map<String, Long> before = RowCounts.snapshot(jdbc);

        Api.Response replay = api.as(OPERATOR).post("/admin/v1/events", body).send();
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("id")).isEqualTo(first.json().get("id"));

        Map<String, Object> different = event(keys);
        different.put("sourceRef", body.get("sourceRef"));
        different.put("titleEn", "Another clip");
        Api.Response conflict = api.as(OPERATOR).post("/admin/v1/events", different).send();
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo("SOURCE_REF_CONFLICT");
        assertThat(conflict.json().get("eventId").asString()).isEqualTo(first.json().get("id").asString());

        outcome(body, 0, 0).put("decimalOdds", 1.9);
        assertThat(api.as(OPERATOR).post("/admin/v1/events", body).send().status()).isEqualTo(409);
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void concurrentCreatesWithOneSourceRefMakeOneEvent() throws Exception {
        Map<String, Object> body = event(keys);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit((Callable<Api.Response>) () -> api.as(OPERATOR).post("/admin/v1/events", body).send()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Response> f : calls) {
                statuses.add(f.get().status());
            }
            assertThat(statuses).containsOnly(200, 201).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM events WHERE source_ref = ?", Long.class, body.get("sourceRef")))
                .isEqualTo(1);
    }

    @Test
    void updatesWhileDraftOnly() {
        Map<String, Object> body = event(keys);
        JsonNode created = api.as(OPERATOR).post("/admin/v1/events", body).send().json();
        String id = created.get("id").asString();
        body.put("titleEn", "Penalty, retaken");
        outcome(body, 0, 0).put("decimalOdds", 1.5);

        String traceId = TestTraces.newTraceId();
        Api.Response updated = api.as(OPERATOR).put("/admin/v1/events/" + id, body)
                .header("traceparent", CatalogTestData.traceparent(traceId)).send();
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("titleEn").asString()).isEqualTo("Penalty, retaken");
        assertThat(updated.json().get("markets").get(0).get("outcomes").get(0).get("fractionalOdds").asString()).isEqualTo("1/2");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM markets WHERE event_id = ?::uuid", Long.class, id)).isEqualTo(1);
        UUID auditId = jdbc.queryForObject("""
                SELECT id FROM audit_logs WHERE target_id = ?::uuid AND action_name = 'EVENT_UPDATED' AND trace_id = ?
                """, UUID.class, id, traceId);
        assertThat(attributes(auditId)).containsEntry("status", "DRAFT").containsEntry("marketCount", "1");

        body.put("settleAt", body.get("lockAt"));
        assertThat(api.as(OPERATOR).put("/admin/v1/events/" + id, body).send().status()).isEqualTo(422);
        body.put("settleAt", Instant.parse((String) body.get("lockAt")).plusSeconds(60).toString());

        assertThat(api.as(OPERATOR).post("/admin/v1/events/" + id + "/publish", null).send().status()).isEqualTo(200);
        Api.Response afterPublish = api.as(OPERATOR).put("/admin/v1/events/" + id, body).send();
        assertThat(afterPublish.status()).isEqualTo(409);
        assertThat(afterPublish.json().get("currentStatus").asString()).isEqualTo("OPEN");
        assertThat(api.as(OPERATOR).put("/admin/v1/events/" + UUID.randomUUID(), body).send().status()).isEqualTo(404);
    }

    @Test
    void listsWithFiltersAndKeysetPages() {
        Instant base = Instant.now().plusSeconds(86_400L * 400 + (long) (Math.random() * 86_400 * 300)).plusNanos(999);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = event(keys);
            body.put("sportType", "TENNIS");
            body.put("lockAt", base.plusSeconds(i).toString());
            body.put("settleAt", base.plusSeconds(3600).toString());
            ids.add(api.as(OPERATOR).post("/admin/v1/events", body).send().json().get("id").asString());
        }
        String range = "&lockFrom=" + base + "&lockTo=" + base.plusSeconds(5);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = api.as(OPERATOR).get("/admin/v1/events?sportType=TENNIS&status=DRAFT&limit=2" + range
                    + (cursor == null ? "" : "&cursor=" + cursor)).send();
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(item -> seen.add(item.get("id").asString()));
            cursor = page.json().has("nextCursor") ? page.json().get("nextCursor").asString() : null;
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(api.as(OPERATOR).get("/admin/v1/events?status=OPEN" + range).send().json().get("items")).isEmpty();
        assertThat(api.as(OPERATOR).get("/admin/v1/events?status=NOPE").send().status()).isEqualTo(400);
        assertThat(api.as(OPERATOR).get("/admin/v1/events?limit=0").send().status()).isEqualTo(400);
    }

    private void assertRefused(Consumer<Map<String, Object>> breakIt, String field) {
        Map<String, Object> body = event(keys);
        breakIt.accept(body);
        Map<String, Long> before = RowCounts.snapshot(jdbc);
        Api.Response r = api.as(OPERATOR).post("/admin/v1/events", body).send();
        assertThat(r.status()).as(field + ": " + r.body()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(r)).as(r.body()).contains(field);
        assertThat(RowCounts.snapshot(jdbc)).as(field).isEqualTo(before);
    }

    static List<String> fields(Api.Response r) {
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    private Map<String, String> attributes(UUID auditId) {
        Map<String, String> attrs = new java.util.HashMap<>();
        jdbc.query("SELECT attribute_key, attribute_value FROM audit_log_attributes WHERE audit_log_id = ?",
                rs -> {
                    attrs.put(rs.getString(1), rs.getString(2));
                }, auditId);
        return attrs;
    }
}
