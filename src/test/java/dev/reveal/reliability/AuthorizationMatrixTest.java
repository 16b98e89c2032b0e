package dev.reveal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.reveal.support.Api;
import dev.reveal.support.Fixtures;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.PlayerSessions;
import dev.reveal.support.RowCounts;
import dev.reveal.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Every operation of the OpenAPI document × {no token, expired, bad signature, alg:none, player A, player B, operator}.
 * Players never reach /admin/v1; player B never reads or changes player A's sessions, predictions or analytics
 * (404, nothing written); an operation without an expectation rule fails the test, so a new endpoint must be classified.
 */
class AuthorizationMatrixTest extends IntegrationTest {

    /** How an operation is guarded. */
    enum Access {
        /** operator role only */
        ADMIN,
        /** a resource of player A named in the path or body: A 2xx, anyone else 404 and nothing written */
        OWNED,
        /** the caller's own data: every valid token 2xx, and never another player's rows */
        SELF,
        /** any valid token */
        ANY_PLAYER,
        /** the platform's test-only probe endpoints: any valid token passes security */
        TEST_PROBE,
        /** no token needed (demo sign-in); a token, when sent, must still be valid */
        PUBLIC
    }

    /** Non-admin operations must be listed here explicitly: a new player endpoint fails until it is classified. */
    static final Map<String, Access> RULES = Map.ofEntries(
            Map.entry("GET /api/v1/sessions/{id}", Access.OWNED),
            Map.entry("POST /api/v1/sessions/{id}/end", Access.OWNED),
            Map.entry("GET /api/v1/me/bet-intents/{id}", Access.OWNED),
            Map.entry("POST /api/v1/bet-intents", Access.OWNED),
            Map.entry("POST /api/v1/analytics/events", Access.OWNED),
            Map.entry("POST /api/v1/sessions", Access.SELF),
            Map.entry("GET /api/v1/me/bet-intents", Access.SELF),
            Map.entry("GET /api/v1/me/summary", Access.SELF),
            Map.entry("GET /api/v1/feed", Access.ANY_PLAYER),
            Map.entry("GET /api/v1/events/{id}", Access.ANY_PLAYER),
            Map.entry("GET /api/v1/leaderboards", Access.ANY_PLAYER),
            Map.entry("GET /api/v1/localizations/{locale}", Access.ANY_PLAYER),
            Map.entry("GET /api/v1/stream", Access.ANY_PLAYER),
            Map.entry("GET /demo", Access.PUBLIC),
            Map.entry("POST /demo/token", Access.PUBLIC),
            Map.entry("POST /api/v1/test-probe", Access.TEST_PROBE),
            Map.entry("POST /api/v1/test-probe/fail", Access.TEST_PROBE));

    static Access rule(OpenApiOperations.Op op) {
        if (op.path().startsWith("/admin/v1/")) {
            return Access.ADMIN;
        }
        return RULES.get(op.key());
    }

    private Http http;
    private String refA;
    private String refB;
    private UUID sessionA;
    private UUID sessionToEnd;
    private UUID intentA;
    private Fixtures.OpenMarket market;
    private UUID eventTypeId;
    private final Map<String, StringBuilder> table = new java.util.TreeMap<>();

    @Test
    void everyOperationAnswersEveryCallerAsItsRuleSays() {
        http = new Http(port, json);
        OpenApiOperations ops = OpenApiOperations.of(http.send("GET", "/v3/api-docs", null, null).json());
        List<String> unclassified = ops.all().stream().filter(op -> rule(op) == null).map(OpenApiOperations.Op::key).toList();
        assertThat(unclassified).as("operations without an authorization rule").isEmpty();
        assertThat(ops.all()).hasSizeGreaterThan(30);

        createPlayerAResources();
        String tokenA = Tokens.player(refA);
        String tokenB = Tokens.player(refB);
        String operator = Tokens.operator("matrix-op-" + UUID.randomUUID());
        Map<String, String> badTokens = new LinkedHashMap<>();
        badTokens.put("no token", null);
        badTokens.put("expired", Tokens.expired(refA));
        badTokens.put("bad signature", Tokens.badSignature(refA));
        badTokens.put("alg none", Tokens.algNone(refA));

        int checks = 0;
        for (OpenApiOperations.Op op : ops.all()) {
            for (Map.Entry<String, String> bad : badTokens.entrySet()) {
                Api.Response r = call(op, bad.getValue(), "bad");
                if (rule(op) == Access.PUBLIC && bad.getValue() == null) {
                    reachedHandler(op, bad.getKey(), r);
                    checks++;
                    continue;
                }
                expect(op, bad.getKey(), r, 401);
                assertThat(r.code()).isEqualTo("UNAUTHENTICATED");
                checks++;
            }
        }
        // B and the operator (who calls /api/v1 as just another subject) first, so A's own calls cannot hide a change.
        for (OpenApiOperations.Op op : ops.all()) {
            checks += asOtherPlayer(op, "player B", tokenB);
        }
        for (OpenApiOperations.Op op : ops.all()) {
            checks += asPlayerA(op, tokenA);
        }
        for (OpenApiOperations.Op op : ops.all()) {
            checks += asOperator(op, operator);
        }
        StringBuilder out = new StringBuilder();
        table.forEach((op, row) -> out.append(String.format("%-48s%s%n", op, row)));
        System.out.printf("authorization matrix: %d operations, %d checks (none, expired, bad signature, alg none, B, A, operator)%n%s",
                ops.all().size(), checks, out);
    }

    private int asOtherPlayer(OpenApiOperations.Op op, String who, String token) {
        Access access = rule(op);
        Map<String, Long> before = RowCounts.snapshot(jdbc);
        Api.Response r = call(op, token, who);
        switch (access) {
            case ADMIN -> {
                expect(op, who, r, 403);
                assertThat(RowCounts.snapshot(jdbc)).as(op + " as " + who).isEqualTo(before);
            }
            case OWNED -> {
                expect(op, who, r, 404);
                assertThat(RowCounts.snapshot(jdbc)).as(op + " as " + who + " wrote something").isEqualTo(before);
                assertThat(jdbc.queryForObject("SELECT ended_at IS NULL FROM sessions WHERE id = ?", Boolean.class, sessionToEnd))
                        .as("A's session still open after " + op + " as " + who).isTrue();
            }
            case SELF -> {
                expect2xx(op, who, r);
                assertThat(r.body()).as(op + " as " + who + " shows A's rows")
                        .doesNotContain(sessionA.toString(), intentA.toString(), refA);
            }
            case ANY_PLAYER -> expect2xx(op, who, r);
            case TEST_PROBE -> assertThat(r.status()).as(op + " as " + who).isNotIn(401, 403);
            case PUBLIC -> reachedHandler(op, who, r);
        }
        if (access == Access.TEST_PROBE) {
            record(op, who, r);
        }
        return 1;
    }

    private int asPlayerA(OpenApiOperations.Op op, String token) {
        Api.Response r = call(op, token, "player A");
        switch (rule(op)) {
            case ADMIN -> expect(op, "player A", r, 403);
            case OWNED, SELF, ANY_PLAYER -> expect2xx(op, "player A", r);
            case PUBLIC -> reachedHandler(op, "player A", r);
            case TEST_PROBE -> {
                assertThat(r.status()).as(op + " as A").isNotIn(401, 403);
                record(op, "player A", r);
            }
        }
        return 1;
    }

    private int asOperator(OpenApiOperations.Op op, String token) {
        Api.Response r = call(op, token, "operator");
        switch (rule(op)) {
            // any answer but a security refusal or a fault: the operator's request reached the handler
            case ADMIN -> {
                assertThat(r.status()).as(op + " as operator: " + r).isNotIn(401, 403).isLessThan(500);
                record(op, "operator", r);
            }
            case OWNED -> expect(op, "operator", r, 404);
            case SELF, ANY_PLAYER -> expect2xx(op, "operator", r);
            case PUBLIC -> reachedHandler(op, "operator", r);
            case TEST_PROBE -> {
                assertThat(r.status()).as(op + " as operator").isNotIn(401, 403);
                record(op, "operator", r);
            }
        }
        return 1;
    }

    private void expect(OpenApiOperations.Op op, String who, Api.Response r, int status) {
        assertThat(r.status()).as(op + " as " + who + ": " + r).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(op + " as " + who).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(r.header("traceparent")).as(op + " as " + who + " traceId")
                .contains("-" + r.json().get("traceId").asString() + "-");
        record(op, who, r);
    }

    /** Security let the request through and the handler answered without a fault. */
    private void reachedHandler(OpenApiOperations.Op op, String who, Api.Response r) {
        assertThat(r.status()).as(op + " as " + who + ": " + r).isNotIn(401, 403).isLessThan(500);
        record(op, who, r);
    }

    private void expect2xx(OpenApiOperations.Op op, String who, Api.Response r) {
        assertThat(r.status()).as(op + " as " + who + ": " + r).isBetween(200, 299);
        record(op, who, r);
    }

    private void record(OpenApiOperations.Op op, String who, Api.Response r) {
        table.computeIfAbsent(op.key(), k -> new StringBuilder()).append(' ').append(r.status());
    }

    private Api.Response call(OpenApiOperations.Op op, String token, String who) {
        String path = op.path();
        for (String variable : op.pathVariables()) {
            path = path.replace("{" + variable + "}", pathValue(op.path(), variable));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (op.key().equals("POST /api/v1/bet-intents")) {
            headers.put("Idempotency-Key", "matrix-" + who.replace(' ', '-'));
        }
        return http.send(op.method(), path, token, body(op), headers, Duration.ofSeconds(30));
    }

    /** Real ids of rows created for player A, by the path they appear in. */
    private String pathValue(String path, String variable) {
        if (variable.equals("locale")) {
            return "en";
        }
        if (path.startsWith("/api/v1/sessions/")) {
            return sessionToEnd.toString();
        }
        if (path.startsWith("/api/v1/me/bet-intents/")) {
            return intentA.toString();
        }
        if (path.startsWith("/api/v1/events/") || path.startsWith("/admin/v1/events/")) {
            return market.eventId().toString();
        }
        if (path.startsWith("/admin/v1/markets/")) {
            return market.marketId().toString();
        }
        if (path.startsWith("/admin/v1/localization-keys/")) {
            return market.questionKey();
        }
        if (path.startsWith("/admin/v1/analytics/event-types/")) {
            return eventTypeId.toString();
        }
        return fail("no value for path variable {" + variable + "} of " + path + ": teach the matrix where its rows come from");
    }

    private String body(OpenApiOperations.Op op) {
        return switch (op.key()) {
            case "POST /api/v1/sessions" -> """
                    {"platform":"IOS","appVersion":"1.0.0","locale":"en"}""";
            case "POST /api/v1/bet-intents" -> json.writeValueAsString(Map.of("sessionId", sessionA, "marketId", market.marketId(),
                    "outcomeId", market.noOutcomeId(), "oddsVersionId", market.oddsVersionId(), "clientSentAt", Instant.now().toString()));
            case "POST /api/v1/analytics/events" -> json.writeValueAsString(Map.of("sessionId", sessionA, "events",
                    List.of(Map.of("eventName", "clip_played", "occurredAt", Instant.now().toString()))));
            case "POST /api/v1/test-probe" -> "{\"name\":\"matrix\"}";
            default -> op.hasBody() ? "{}" : null;
        };
    }

    private void createPlayerAResources() {
        refA = PlayerSessions.newRef("matrix-a");
        refB = PlayerSessions.newRef("matrix-b");
        Api players = api;
        sessionA = PlayerSessions.start(players, refA);
        sessionToEnd = PlayerSessions.start(players, refA);
        PlayerSessions.start(players, refB);
        market = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(3600));
        Api.Response placed = api.as(Tokens.player(refA)).post("/api/v1/bet-intents", Map.of("sessionId", sessionA,
                        "marketId", market.marketId(), "outcomeId", market.yesOutcomeId(), "oddsVersionId", market.oddsVersionId(),
                        "clientSentAt", Instant.now().toString()))
                .header("Idempotency-Key", "matrix-setup").send();
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        intentA = UUID.fromString(placed.json().get("id").asString());
        Api.Response type = api.as(Tokens.operator("matrix-op")).post("/admin/v1/analytics/event-types",
                Map.of("eventName", "matrix_" + Long.toHexString(System.nanoTime()), "description", "matrix")).send();
        assertThat(type.status()).as(type.toString()).isEqualTo(201);
        eventTypeId = UUID.fromString(type.json().get("id").asString());
        Api.Response ingested = api.as(Tokens.player(refA)).post("/api/v1/analytics/events", Map.of("sessionId", sessionA,
                "events", List.of(Map.of("eventName", "clip_played", "occurredAt", Instant.now().toString())))).send();
        assertThat(ingested.status()).as(ingested.toString()).isEqualTo(202);
    }
}
