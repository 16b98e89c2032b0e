package dev.reveal.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.AnalyticsFixtures;
import dev.reveal.support.Api;
import dev.reveal.support.Fixtures;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AnalyticsIngestionTest extends IntegrationTest {

    private String viewed;
    private String liked;
    private Fixtures.Player player;
    private String playerToken;
    private Instant sessionStart;

    @BeforeEach
    void registerTypesAndOpenASession() {
        String s = AnalyticsFixtures.suffix();
        viewed = "clip_viewed_" + s;
        liked = "clip_liked_" + s;
        for (String name : List.of(viewed, liked)) {
            Api.Response r = api.as(Tokens.operator("analyst")).post("/admin/v1/analytics/event-types",
                    Map.of("eventName", name, "description", "test type")).send();
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        player = Fixtures.player(jdbc, "ingest-" + s, "control");
        playerToken = Tokens.player(player.externalRef());
        sessionStart = jdbc.queryForObject("SELECT started_at FROM sessions WHERE id = ?", OffsetDateTime.class,
                player.sessionId()).toInstant();
    }

    private static Map<String, Object> event(String name, Instant occurredAt, Map<String, Object> attributes) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventName", name);
        e.put("occurredAt", occurredAt.toString());
        e.put("attributes", attributes);
        return e;
    }

    private Map<String, Object> batch(UUID sessionId, List<Map<String, Object>> events) {
        return Map.of("sessionId", sessionId.toString(), "events", events);
    }

    private long eventsOf(UUID session) {
        return jdbc.queryForObject("SELECT count(*) FROM analytics_events WHERE session_id = ?", Long.class, session);
    }

    private long attributesOf(UUID session) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM analytics_event_attributes a JOIN analytics_events e ON e.id = a.analytics_event_id
                WHERE e.session_id = ?
                """, Long.class, session);
    }

    @Test
    void aMixedBatchStoresExactlyTheValidItemsAndNamesEachRefusedOne() {
        Instant t = sessionStart.plusSeconds(5);
        List<Map<String, Object>> events = List.of(
                event(viewed, t, Map.of("clipId", "c-1", "position", 3, "muted", false)),   // 0 ok, 3 attributes
                event("clip_unknown_type", t, Map.of()),                                   // 1 unknown type
                event(viewed, t.plusSeconds(1), Map.of()),                                 // 2 ok, no attributes
                event(viewed, Instant.now().plus(Duration.ofHours(25)), Map.of()),         // 3 too far in the future
                event(liked, sessionStart.minusSeconds(1), Map.of()),                      // 4 before the session
                event(liked, t, Map.of("k".repeat(65), "x")),                              // 5 key too long
                event(liked, t.plusSeconds(2), Map.of("clipId", "c-1", "reaction", "❤")),  // 6 ok, 2 attributes
                event(liked, t, Map.of("note", "v".repeat(1025))),                         // 7 value too long
                event(viewed, t, Map.of("  ", "blank key")));                              // 8 blank key
        long allEvents = count("analytics_events");
        long allAttributes = count("analytics_event_attributes");

        Api.Response r = api.as(playerToken).post("/api/v1/analytics/events", batch(player.sessionId(), events)).send();

        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        JsonNode body = r.json();
        assertThat(body.get("accepted").asInt()).isEqualTo(3);
        assertThat(body.get("refused").asInt()).isEqualTo(6);
        List<String> refused = new ArrayList<>();
        body.get("refusedItems").forEach(item -> {
            assertThat(item.get("reason").asString()).isNotBlank();
            refused.add(item.get("index").asInt() + ":" + item.get("code").asString());
        });
        assertThat(refused).containsExactly("1:UNKNOWN_EVENT_TYPE", "3:OCCURRED_AT_OUT_OF_RANGE", "4:OCCURRED_BEFORE_SESSION",
                "5:INVALID_ATTRIBUTE_KEY", "7:INVALID_ATTRIBUTE_VALUE", "8:INVALID_ATTRIBUTE_KEY");

        assertThat(eventsOf(player.sessionId())).isEqualTo(3);
        assertThat(attributesOf(player.sessionId())).isEqualTo(5);
        assertThat(count("analytics_events")).isEqualTo(allEvents + 3);
        assertThat(count("analytics_event_attributes")).isEqualTo(allAttributes + 5);
        assertThat(jdbc.queryForList("""
                SELECT t.event_name || '@' || to_char(e.occurred_at AT TIME ZONE 'UTC', 'HH24:MI:SS') || '/' || e.user_id
                FROM analytics_events e JOIN analytics_event_types t ON t.id = e.analytics_event_type_id
                WHERE e.session_id = ? ORDER BY e.occurred_at
                """, String.class, player.sessionId())).containsExactly(
                viewed + "@" + hms(t) + "/" + player.userId(),
                viewed + "@" + hms(t.plusSeconds(1)) + "/" + player.userId(),
                liked + "@" + hms(t.plusSeconds(2)) + "/" + player.userId());
        assertThat(jdbc.queryForList("""
                SELECT a.attribute_key || '=' || a.attribute_value FROM analytics_event_attributes a
                JOIN analytics_events e ON e.id = a.analytics_event_id WHERE e.session_id = ? ORDER BY 1
                """, String.class, player.sessionId()))
                .containsExactly("clipId=c-1", "clipId=c-1", "muted=false", "position=3", "reaction=❤");
    }

    private static String hms(Instant t) {
        return t.toString().substring(11, 19);
    }

    @Test
    void aFullBatchAtTheLimitsIsStoredWithTwoStatements() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            for (int k = 0; k < 50; k++) {
                attributes.put("a" + k, "v" + i);
            }
            events.add(event(i % 2 == 0 ? viewed : liked, sessionStart.plusMillis(i), attributes));
        }
        Api.Response r = api.as(playerToken).post("/api/v1/analytics/events", batch(player.sessionId(), events)).send();

        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(500);
        assertThat(r.json().get("refusedItems")).isEmpty();
        assertThat(eventsOf(player.sessionId())).isEqualTo(500);
        assertThat(attributesOf(player.sessionId())).isEqualTo(25_000);
    }

    @Test
    void aBatchOverTheLimitsIsRefusedWhole() {
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(event(viewed, sessionStart.plusSeconds(1), Map.of()));
        }
        Map<String, Object> wideAttributes = new LinkedHashMap<>();
        for (int k = 0; k < 51; k++) {
            wideAttributes.put("a" + k, "v");
        }
        List<Map<String, Object>> tooWide = List.of(event(viewed, sessionStart.plusSeconds(1), Map.of()),
                event(viewed, sessionStart.plusSeconds(1), wideAttributes));
        long allEvents = count("analytics_events");
        long allAttributes = count("analytics_event_attributes");

        Api.Response many = api.as(playerToken).post("/api/v1/analytics/events", batch(player.sessionId(), tooMany)).send();
        Api.Response wide = api.as(playerToken).post("/api/v1/analytics/events", batch(player.sessionId(), tooWide)).send();

        assertThat(many.status()).as(many.toString()).isEqualTo(413);
        assertThat(many.code()).isEqualTo("BATCH_LIMIT_EXCEEDED");
        assertThat(many.header("Content-Type")).startsWith("application/problem+json");
        assertThat(many.json().get("errors").get(0).get("field").asString()).isEqualTo("events");
        assertThat(wide.status()).as(wide.toString()).isEqualTo(413);
        assertThat(wide.code()).isEqualTo("BATCH_LIMIT_EXCEEDED");
        assertThat(wide.json().get("errors").get(0).get("field").asString()).isEqualTo("events[1].attributes");
        assertThat(eventsOf(player.sessionId())).isZero();
        assertThat(count("analytics_events")).isEqualTo(allEvents);
        assertThat(count("analytics_event_attributes")).isEqualTo(allAttributes);
    }

    @Test
    void anotherPlayersSessionIsNotFoundAndNothingIsWritten() {
        Fixtures.Player other = Fixtures.player(jdbc, "ingest-other-" + AnalyticsFixtures.suffix(), "control");
        List<Map<String, Object>> events = List.of(event(viewed, Instant.now(), Map.of("clipId", "c-9")));
        long allEvents = count("analytics_events");
        long allAttributes = count("analytics_event_attributes");

        Api.Response foreign = api.as(Tokens.player(other.externalRef()))
                .post("/api/v1/analytics/events", batch(player.sessionId(), events)).send();
        Api.Response unknown = api.as(playerToken)
                .post("/api/v1/analytics/events", batch(UUID.randomUUID(), events)).send();

        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        assertThat(foreign.code()).isEqualTo("NOT_FOUND");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");
        assertThat(eventsOf(player.sessionId())).isZero();
        assertThat(count("analytics_events")).isEqualTo(allEvents);
        assertThat(count("analytics_event_attributes")).isEqualTo(allAttributes);
    }

    @Test
    void malformedBodiesAreRefusedWhole() {
        long allEvents = count("analytics_events");
        Api.Response broken = api.as(playerToken).post("/api/v1/analytics/events", "{\"sessionId\": ").send();
        Api.Response noSession = api.as(playerToken).post("/api/v1/analytics/events",
                Map.of("events", List.of(event(viewed, Instant.now(), Map.of())))).send();
        Api.Response notAList = api.as(playerToken).post("/api/v1/analytics/events",
                Map.of("sessionId", player.sessionId().toString(), "events", "many")).send();

        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.code()).isEqualTo("MALFORMED_BODY");
        assertThat(noSession.status()).isEqualTo(400);
        assertThat(noSession.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(notAList.status()).isEqualTo(400);
        assertThat(notAList.code()).isEqualTo("MALFORMED_BODY");
        assertThat(count("analytics_events")).isEqualTo(allEvents);
    }

    @Test
    void aNestedAttributeValueIsRefusedAloneNotTheBatch() {
        Api.Response r = api.as(playerToken).post("/api/v1/analytics/events", batch(player.sessionId(), List.of(
                event(viewed, sessionStart.plusSeconds(1), Map.of("nested", Map.of("a", 1))),
                event(viewed, sessionStart.plusSeconds(1), Map.of("flat", 1.5))))).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(r.json().get("refusedItems").get(0).get("code").asString()).isEqualTo("INVALID_ATTRIBUTE_VALUE");
        assertThat(attributesOf(player.sessionId())).isEqualTo(1);
    }

    @Test
    void aTypeRegisteredOnAnotherInstanceIsFoundOnFirstUse() {
        // Written straight to the table, as another instance would: this instance's cache has never seen it.
        String elsewhere = "elsewhere_" + AnalyticsFixtures.suffix();
        AnalyticsFixtures.eventType(jdbc, elsewhere);
        Api.Response r = api.as(playerToken).post("/api/v1/analytics/events", batch(player.sessionId(),
                List.of(event(elsewhere, sessionStart.plusSeconds(1), Map.of())))).send();
        assertThat(r.json().get("accepted").asInt()).as(r.toString()).isEqualTo(1);
    }

    @Test
    void concurrentBatchesAreEachStoredWhole() throws Exception {
        Fixtures.Player second = Fixtures.player(jdbc, player.externalRef(), "control");
        int batches = 12;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                UUID session = b % 2 == 0 ? player.sessionId() : second.sessionId();
                List<Map<String, Object>> events = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    events.add(event(i % 2 == 0 ? viewed : liked, Instant.now(), Map.of("batch", b, "i", i)));
                }
                calls.add(() -> api.as(playerToken).post("/api/v1/analytics/events", batch(session, events)).send().status());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertThat(f.get()).isEqualTo(202);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(eventsOf(player.sessionId())).isEqualTo(600);
        assertThat(eventsOf(second.sessionId())).isEqualTo(600);
        assertThat(attributesOf(player.sessionId()) + attributesOf(second.sessionId())).isEqualTo(2 * 1200);
        assertThat(jdbc.queryForObject("""
                SELECT count(DISTINCT a.attribute_value) FROM analytics_event_attributes a
                JOIN analytics_events e ON e.id = a.analytics_event_id
                WHERE e.session_id IN (?, ?) AND a.attribute_key = 'batch'
                """, Long.class, player.sessionId(), second.sessionId())).isEqualTo(batches);
    }
}
