package dev.reveal.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.AnalyticsFixtures;
import dev.reveal.support.Api;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AnalyticsEventTypeRegistrationTest extends IntegrationTest {

    private Api.Response register(String name, String description) {
        return api.as(Tokens.operator("op-types")).post("/admin/v1/analytics/event-types",
                description == null ? Map.of("eventName", name) : Map.of("eventName", name, "description", description)).send();
    }

    @Test
    void registersListsAndAuditsAType() {
        String name = "feed_opened_" + AnalyticsFixtures.suffix();

        Api.Response created = register(name, "The feed came on screen");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().get("id").asString());
        assertThat(created.header("Location")).isEqualTo("/admin/v1/analytics/event-types/" + id);
        assertThat(created.json().get("eventName").asString()).isEqualTo(name);
        Api.Response one = api.as(Tokens.operator("op-types")).get("/admin/v1/analytics/event-types/" + id).send();
        assertThat(one.json().get("description").asString()).isEqualTo("The feed came on screen");
        List<String> listed = new ArrayList<>();
        api.as(Tokens.operator("op-types")).get("/admin/v1/analytics/event-types").send().json().get("items")
                .forEach(t -> listed.add(t.get("eventName").asString()));
        assertThat(listed).contains(name).isSorted();
        Map<String, Object> audit = jdbc.queryForMap("SELECT * FROM audit_logs WHERE target_id = ?", id);
        assertThat(audit).containsEntry("action_name", "ANALYTICS_EVENT_TYPE_REGISTERED")
                .containsEntry("target_type", "ANALYTICS_EVENT_TYPE").containsEntry("actor_type", "OPERATOR")
                .containsEntry("actor_id", "op-types");
        assertThat(jdbc.queryForObject("""
                SELECT attribute_value FROM audit_log_attributes WHERE audit_log_id = ? AND attribute_key = 'eventName'
                """, String.class, audit.get("id"))).isEqualTo(name);
    }

    @Test
    void aTakenNameIsAConflictEvenUnderConcurrency() throws Exception {
        String name = "race_" + AnalyticsFixtures.suffix();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> register(name, null).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM analytics_event_types WHERE event_name = ?", Long.class, name))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM audit_logs l JOIN analytics_event_types t ON t.id = l.target_id WHERE t.event_name = ?
                """, Long.class, name)).isEqualTo(1);
        Api.Response again = register(name, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("EVENT_TYPE_EXISTS");
    }

    @Test
    void namesMustBeLowercaseSnakeCaseOfAtMost64Characters() {
        long before = count("analytics_event_types");
        for (String bad : List.of("FeedOpened", "feed-opened", "_feed", "feed__opened", "feed_", "1feed", "a".repeat(65), "")) {
            Api.Response r = register(bad, null);
            assertThat(r.status()).as(bad + " → " + r).isEqualTo(400);
            assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(register("a" + "b".repeat(63) , null).status()).isIn(201, 409);
        assertThat(count("analytics_event_types")).isLessThanOrEqualTo(before + 1);
    }

    @Test
    void playersCannotRegisterTypes() {
        Api.Response r = api.as(Tokens.player("p")).post("/admin/v1/analytics/event-types", Map.of("eventName", "x_y")).send();
        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void theEndpointsOfThisAreaAreDocumented() {
        JsonNode paths = api.get("/v3/api-docs").send().json().get("paths");
        for (String path : List.of("/admin/v1/analytics/event-types", "/api/v1/analytics/events", "/admin/v1/reports/experiments",
                "/admin/v1/reports/analytics", "/admin/v1/reports/funnel", "/admin/v1/audit-logs")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
    }
}
