package dev.reveal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.TestTraces;
import dev.reveal.support.Api;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.RowCounts;
import dev.reveal.support.Tokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventAndMarketStatusTest extends IntegrationTest {

    private static final String OPERATOR = Tokens.operator("op-status");
    private CatalogTestData.Keys keys;

    @BeforeEach
    void keys() {
        keys = CatalogTestData.keys(jdbc);
    }

    @Test
    void publishOpensTheEventAndItsMarketsOnce() {
        JsonNode created = create(CatalogTestData.event(keys));
        String id = created.get("id").asString();
        String marketId = created.get("markets").get(0).get("id").asString();
        String traceId = TestTraces.newTraceId();

        Api.Response published = api.as(OPERATOR).post("/admin/v1/events/" + id + "/publish", null)
                .header("traceparent", CatalogTestData.traceparent(traceId)).send();

        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.json().get("status").asString()).isEqualTo("OPEN");
        assertThat(published.json().get("markets").get(0).get("status").asString()).isEqualTo("OPEN");
        assertAudit(UUID.fromString(id), "EVENT_PUBLISHED", traceId, Map.of("oldStatus", "DRAFT", "newStatus", "OPEN"));
        assertAudit(UUID.fromString(marketId), "MARKET_OPENED", traceId, Map.of("oldStatus", "DRAFT", "newStatus", "OPEN"));

        Map<String, Long> before = RowCounts.snapshot(jdbc);
        Api.Response again = api.as(OPERATOR).post("/admin/v1/events/" + id + "/publish", null).send();
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("INVALID_STATUS_TRANSITION");
        assertThat(again.json().get("currentStatus").asString()).isEqualTo("OPEN");
        assertThat(api.as(OPERATOR).post("/admin/v1/events/" + UUID.randomUUID() + "/publish", null).send().status()).isEqualTo(404);
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void publishingAfterTheLockTimeIsRefused() {
        JsonNode created = create(CatalogTestData.event(keys));
        String id = created.get("id").asString();
        jdbc.update("UPDATE events SET lock_at = now() - interval '1 minute' WHERE id = ?::uuid", id);
        Map<String, Long> before = RowCounts.snapshot(jdbc);
        Api.Response r = api.as(OPERATOR).post("/admin/v1/events/" + id + "/publish", null).send();
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("LOCK_TIME_PASSED");
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void cancelVoidsEveryOpenMarketAndIsFinal() {
        JsonNode created = create(CatalogTestData.event(keys));
        String id = created.get("id").asString();
        String marketId = created.get("markets").get(0).get("id").asString();
        api.as(OPERATOR).post("/admin/v1/events/" + id + "/publish", null).send();
        api.as(OPERATOR).post("/admin/v1/markets/" + marketId + "/suspend", null).send();
        String traceId = TestTraces.newTraceId();

        Api.Response cancelled = api.as(OPERATOR).post("/admin/v1/events/" + id + "/cancel", Map.of("reason", "match abandoned"))
                .header("traceparent", CatalogTestData.traceparent(traceId)).send();

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().get("markets").get(0).get("status").asString()).isEqualTo("VOID");
        assertAudit(UUID.fromString(id), "EVENT_CANCELLED", traceId, Map.of("oldStatus", "OPEN", "newStatus", "CANCELLED"));
        assertAudit(UUID.fromString(marketId), "MARKET_VOIDED", traceId, Map.of("oldStatus", "SUSPENDED", "newStatus", "VOID"));
        assertThat(jdbc.queryForObject("SELECT note FROM audit_logs WHERE target_id = ?::uuid AND action_name = 'EVENT_CANCELLED'",
                String.class, id)).isEqualTo("match abandoned");

        Map<String, Long> before = RowCounts.snapshot(jdbc);
        Api.Response again = api.as(OPERATOR).post("/admin/v1/events/" + id + "/cancel", null).send();
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("currentStatus").asString()).isEqualTo("CANCELLED");
        assertThat(api.as(OPERATOR).post("/admin/v1/events/" + id + "/publish", null).send().status()).isEqualTo(409);
        assertThat(api.as(OPERATOR).post("/admin/v1/markets/" + marketId + "/resume", null).send().status()).isEqualTo(409);
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void aDraftEventCanBeCancelled() {
        String id = create(CatalogTestData.event(keys)).get("id").asString();
        Api.Response r = api.as(OPERATOR).post("/admin/v1/events/" + id + "/cancel", null).send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("markets").get(0).get("status").asString()).isEqualTo("VOID");
    }

    @Test
    void marketsSuspendResumeAndLockByTheRules() {
        JsonNode created = create(CatalogTestData.event(keys));
        String id = created.get("id").asString();
        String market = "/admin/v1/markets/" + created.get("markets").get(0).get("id").asString();
        UUID marketId = UUID.fromString(created.get("markets").get(0).get("id").asString());

        assertTransitionRefused(market + "/suspend", "DRAFT");
        api.as(OPERATOR).post("/admin/v1/events/" + id + "/publish", null).send();
        assertTransitionRefused(market + "/resume", "OPEN");

        String traceId = TestTraces.newTraceId();
        Api.Response suspended = api.as(OPERATOR).post(market + "/suspend", Map.of("reason", "VAR check"))
                .header("traceparent", CatalogTestData.traceparent(traceId)).send();
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.json().get("status").asString()).isEqualTo("SUSPENDED");
        assertAudit(marketId, "MARKET_SUSPENDED", traceId, Map.of("oldStatus", "OPEN", "newStatus", "SUSPENDED"));
        assertTransitionRefused(market + "/suspend", "SUSPENDED");

        traceId = TestTraces.newTraceId();
        assertThat(api.as(OPERATOR).post(market + "/resume", null).header("traceparent", CatalogTestData.traceparent(traceId))
                .send().json().get("status").asString()).isEqualTo("OPEN");
        assertAudit(marketId, "MARKET_RESUMED", traceId, Map.of("oldStatus", "SUSPENDED", "newStatus", "OPEN"));

        traceId = TestTraces.newTraceId();
        assertThat(api.as(OPERATOR).post(market + "/lock", null).header("traceparent", CatalogTestData.traceparent(traceId))
                .send().json().get("status").asString()).isEqualTo("LOCKED");
        assertAudit(marketId, "MARKET_LOCKED", traceId, Map.of("oldStatus", "OPEN", "newStatus", "LOCKED"));
        assertTransitionRefused(market + "/lock", "LOCKED");
        assertTransitionRefused(market + "/suspend", "LOCKED");
        assertTransitionRefused(market + "/resume", "LOCKED");
        assertThat(api.as(OPERATOR).post("/admin/v1/markets/" + UUID.randomUUID() + "/lock", null).send().status()).isEqualTo(404);
        assertThat(api.as(Tokens.player("p")).post(market + "/lock", null).send().status()).isEqualTo(403);
    }

    private void assertTransitionRefused(String path, String currentStatus) {
        Map<String, Long> before = RowCounts.snapshot(jdbc);
        Api.Response r = api.as(OPERATOR).post(path, null).send();
        assertThat(r.status()).as(path).isEqualTo(409);
        assertThat(r.code()).isEqualTo("INVALID_STATUS_TRANSITION");
        assertThat(r.json().get("currentStatus").asString()).isEqualTo(currentStatus);
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }

    private JsonNode create(Map<String, Object> body) {
        Api.Response r = api.as(OPERATOR).post("/admin/v1/events", body).send();
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private void assertAudit(UUID target, String action, String traceId, Map<String, String> attributes) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT id, actor_type, actor_id FROM audit_logs WHERE target_id = ? AND action_name = ? AND trace_id = ?",
                target, action, traceId);
        assertThat(rows).as(action).hasSize(1);
        assertThat(rows.get(0)).containsEntry("actor_type", "OPERATOR").containsEntry("actor_id", "op-status");
        Map<String, String> attrs = new java.util.HashMap<>();
        jdbc.query("SELECT attribute_key, attribute_value FROM audit_log_attributes WHERE audit_log_id = ?",
                rs -> {
                    attrs.put(rs.getString(1), rs.getString(2));
                }, rows.get(0).get("id"));
        assertThat(attrs).containsAllEntriesOf(attributes);
    }
}
