package dev.reveal.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.Api;
import dev.reveal.support.Fixtures;
import dev.reveal.support.Gen;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.PlayerSessions;
import dev.reveal.support.Tokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generated hostile input against every operation of the OpenAPI document that takes a body or parameters.
 * Every answer must be below 500; every refusal must be an RFC 9457 problem with a code and trace id and must leave
 * every table's row count as it was. Set {@code -Dreveal.fuzz.seed=N} to replay a run, {@code reveal.fuzz.tries}
 * to widen it.
 */
class BadInputFuzzTest extends IntegrationTest {

    private static final int BODY_TRIES = Integer.getInteger("reveal.fuzz.tries", 30);
    private static final int PARAM_TRIES = Math.max(8, BODY_TRIES / 3);
    private static final int HEADER_TRIES = BODY_TRIES * 10;
    private static final int PLAYERS = 12;

    private final List<String> refs = new ArrayList<>();
    private final List<UUID> sessions = new ArrayList<>();
    private Fixtures.OpenMarket market;
    private String countSql;
    private JsonMapper writer;

    @Test
    void hostileInputGetsProblemsNeverFaultsAndRefusalsWriteNothing() {
        long seed = Gen.seed();
        Http http = new Http(port, json);
        writer = json;
        OpenApiOperations doc = OpenApiOperations.of(http.send("GET", "/v3/api-docs", null, null).json());
        setUp();
        List<UUID> known = new ArrayList<>(sessions);
        known.addAll(List.of(market.eventId(), market.marketId(), market.yesOutcomeId(), market.noOutcomeId(),
                market.oddsVersionId()));
        JsonFuzz fuzz = new JsonFuzz(seed, doc, known);
        String operator = Tokens.operator("fuzz-op");

        Map<String, int[]> figures = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (OpenApiOperations.Op op : doc.all()) {
            if (!op.takesInput() || op.path().equals("/api/v1/test-probe/fail")) {
                continue;
            }
            int tries = op.hasBody() ? BODY_TRIES : PARAM_TRIES;
            int[] tally = figures.computeIfAbsent(op.key(), k -> new int[3]);
            for (int i = 0; i < tries; i++) {
                int player = requests % PLAYERS;
                requests++;
                String token = op.path().startsWith("/admin/") ? operator : Tokens.player(refs.get(player));
                String target = target(op, fuzz, player);
                String body = op.hasBody() ? body(op, fuzz, doc, player) : null;
                Map<String, String> headers = new LinkedHashMap<>();
                if (op.key().equals("POST /api/v1/bet-intents") && fuzz.chance(0.9)) {
                    headers.put("Idempotency-Key", fuzz.chance(0.8) ? "fuzz-" + UUID.randomUUID()
                            : fuzz.gen().string('\u0000', '\u007f', 0, 300).replaceAll("[\\x00-\\x1f\\x7f]", ""));
                }
                Map<String, Long> before = counts();
                Api.Response r;
                try {
                    r = http.send(op.method(), target, token, body, headers, Duration.ofSeconds(30));
                } catch (RuntimeException e) {
                    failures.add(op.key() + " " + target + " -> " + e + " body=" + abbreviate(body));
                    continue;
                }
                String problem = check(r, before);
                tally[r.status() >= 400 ? 1 : 0]++;
                if (problem != null) {
                    tally[2]++;
                    failures.add(op.key() + " " + abbreviate(target) + " -> " + r.status() + " " + problem + " body="
                            + abbreviate(body) + " answer=" + abbreviate(r.body()));
                }
            }
        }
        StringBuilder out = new StringBuilder();
        figures.forEach((k, v) -> out.append(String.format("  %-48s accepted %3d refused %3d failed %d%n", k, v[0], v[1], v[2])));
        System.out.printf("bad-input fuzzing: seed %d, %d operations, %d requests%n%s", seed, figures.size(), requests, out);
        failures.forEach(f -> System.out.println("FUZZ FAILURE " + f.replace('\n', ' ')));
        assertThat(failures).as("seed " + seed + " (replay with -Dreveal.fuzz.seed=" + seed + ")").isEmpty();
    }

    /** Headers the API reads, as raw bytes; the content types a client may claim; tokens whose claims are any JSON. */
    static final List<String> HEADERS = List.of("Idempotency-Key", "If-None-Match", "Last-Event-ID", "traceparent",
            "Authorization", "Content-Type", "Accept", "Accept-Language", "Origin", "Content-Encoding", "Cookie",
            "X-Forwarded-For", "Forwarded", "Host");
    static final List<String> CONTENT_TYPES = List.of("*/*", "application/*", "text/*", "*/json", "application/yaml",
            "application/x-yaml", "text/plain", "application/xml", "text/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/cbor", "application/x-protobuf", "application/json; charset=latin1",
            "application/json; charset=\"\"", "application/json;;;", "application/problem+json", "application/merge-patch+json",
            "application", "/", ";", "", "application/json; boundary", "text/event-stream");
    static final List<String> CLAIMS = List.of("sub", "exp", "roles", "iss", "aud", "nbf", "iat", "jti", "scope");

    /**
     * Every operation with hostile headers (any bytes but CR and LF, which end a header), content types and tokens
     * whose claims have any JSON type, over plain sockets (no client library sends these). Nothing may be a 5xx;
     * refusals are problems and write nothing.
     */
    @Test
    void hostileHeadersContentTypesAndClaimsGetProblemsNeverFaults() {
        long seed = Gen.seed();
        Http http = new Http(port, json);
        writer = json;
        OpenApiOperations doc = OpenApiOperations.of(http.send("GET", "/v3/api-docs", null, null).json());
        setUp();
        JsonFuzz fuzz = new JsonFuzz(seed, doc, List.of(market.marketId(), market.eventId()));
        Gen g = fuzz.gen();
        // the stream never ends, so it is no request-and-answer to fuzz this way (LiveStreamTest and the probes cover it)
        List<OpenApiOperations.Op> ops = doc.all().stream()
                .filter(op -> !op.path().contains("test-probe") && !op.path().equals("/api/v1/stream")).toList();
        List<String> failures = new ArrayList<>();
        int tries = HEADER_TRIES;
        int[] kinds = new int[3];
        for (int i = 0; i < tries; i++) {
            OpenApiOperations.Op op = g.oneOf(ops);
            int player = i % PLAYERS;
            int kind = g.nextInt(3);
            kinds[kind]++;
            String token = op.path().startsWith("/admin/") ? Tokens.operator("fuzz-op") : Tokens.player(refs.get(player));
            String contentType = "application/json";
            java.io.ByteArrayOutputStream extra = new java.io.ByteArrayOutputStream();
            switch (kind) {
                case 0 -> {
                    String name = g.oneOf(HEADERS);
                    byte[] value = g.bytes(0, 120);
                    for (int b = 0; b < value.length; b++) {
                        if (value[b] == '\r' || value[b] == '\n') {
                            value[b] = (byte) 0x85;
                        }
                    }
                    if (name.equals("Authorization")) {
                        token = null;
                    }
                    if (name.equals("Content-Type")) {
                        contentType = null;
                    }
                    extra.writeBytes((name + ": ").getBytes(StandardCharsets.ISO_8859_1));
                    extra.writeBytes(value);
                    extra.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                case 1 -> contentType = g.oneOf(CONTENT_TYPES) + (g.chance(0.2) ? g.string('\u0020', '\u00ff', 0, 20) : "");
                default -> token = Tokens.signedPayload(writer.writeValueAsString(claims(fuzz, refs.get(player))));
            }
            String target = target(op, fuzz, player).replaceAll("[^\\x21-\\x7e]", "_");
            byte[] body = op.hasBody() ? body(op, fuzz, doc, player).getBytes(StandardCharsets.UTF_8) : new byte[0];
            StringBuilder head = new StringBuilder(op.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
            if (kind != 0 || !extra.toString(StandardCharsets.ISO_8859_1).startsWith("Host:")) {
                head.append("Host: localhost\r\n");
            }
            if (token != null) {
                head.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            if (contentType != null && op.hasBody()) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (op.hasBody()) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            if (op.key().equals("POST /api/v1/bet-intents") && !extra.toString(StandardCharsets.ISO_8859_1).startsWith("Idempotency-Key")) {
                head.append("Idempotency-Key: fuzz-").append(UUID.randomUUID()).append("\r\n");
            }
            java.io.ByteArrayOutputStream request = new java.io.ByteArrayOutputStream();
            request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            request.writeBytes(extra.toByteArray());
            Map<String, Long> before = counts();
            RawExchange r;
            try {
                r = RawExchange.send(port, request.toByteArray(), body);
            } catch (RuntimeException e) {
                failures.add(op.key() + " -> " + e + " request=" + abbreviate(request.toString(StandardCharsets.ISO_8859_1)));
                continue;
            }
            String problem = checkRaw(r, before);
            if (problem != null) {
                failures.add(op.key() + " -> " + r.status() + " " + problem + " request="
                        + abbreviate(request.toString(StandardCharsets.ISO_8859_1)).replace("\r\n", " | ") + " answer=" + abbreviate(r.body()));
            }
        }
        System.out.printf("header fuzzing: seed %d, %d requests (%d hostile headers, %d content types, %d token claims)%n",
                seed, tries, kinds[0], kinds[1], kinds[2]);
        failures.forEach(f -> System.out.println("FUZZ FAILURE " + f.replace('\n', ' ')));
        assertThat(failures).as("seed " + seed + " (replay with -Dreveal.fuzz.seed=" + seed + ")").isEmpty();
    }

    /** A claims object: the usual claims, then one to five of them replaced by a value of any JSON type. */
    private static Map<String, Object> claims(JsonFuzz fuzz, String subject) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("exp", Instant.now().plusSeconds(3600).getEpochSecond());
        claims.put("roles", List.of("player"));
        int broken = fuzz.gen().between(1, 5);
        for (int i = 0; i < broken; i++) {
            claims.put(fuzz.gen().oneOf(CLAIMS), fuzz.anyJson(2));
        }
        return claims;
    }

    private String check(Api.Response r, Map<String, Long> before) {
        return check(r.status(), r.header("Content-Type"), r.body(), before);
    }

    private String checkRaw(RawExchange r, Map<String, Long> before) {
        return check(r.status(), r.header("Content-Type"), r.body(), before);
    }

    /** Null when the answer is fine: below 400, or a problem with code and trace id that wrote nothing. */
    private String check(int status, String type, String body, Map<String, Long> before) {
        if (status >= 500) {
            return "server fault";
        }
        if (status < 400) {
            return null;
        }
        if (type == null || !type.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
            return "not a problem: " + type;
        }
        var problem = json.readTree(body);
        if (problem.get("code") == null || problem.get("traceId") == null) {
            return "problem without code or traceId";
        }
        Map<String, Long> after = counts();
        return after.equals(before) ? null : "refused but wrote rows: " + diff(before, after);
    }

    private String target(OpenApiOperations.Op op, JsonFuzz fuzz, int player) {
        String path = op.path();
        for (String variable : op.pathVariables()) {
            String value = fuzz.chance(0.75) ? pathValue(op.path(), variable, player) : fuzz.shortString();
            path = path.replace("{" + variable + "}", encode(value));
        }
        StringBuilder query = new StringBuilder();
        for (OpenApiOperations.Param p : op.params()) {
            if (!p.in().equals("query") || fuzz.chance(0.4)) {
                continue;
            }
            Object value = fuzz.chance(0.6) ? fuzz.value(p.schema(), 3) : fuzz.shortString();
            String text = value instanceof String s ? s : writer.writeValueAsString(value);
            if (text.length() > 1_500) {
                text = text.substring(0, 1_500);
            }
            query.append(query.isEmpty() ? '?' : '&').append(encode(p.name())).append('=').append(encode(text));
        }
        return path + query;
    }

    private String body(OpenApiOperations.Op op, JsonFuzz fuzz, OpenApiOperations doc, int player) {
        int shape = fuzz.gen().nextInt(10);
        Map<String, Object> valid = validBody(op, player);
        if (valid != null && shape < 4) {
            return writer.writeValueAsString(fuzz.mutate(valid, op.bodySchema()));
        }
        if (shape < 7) {
            return writer.writeValueAsString(fuzz.value(op.bodySchema(), 0));
        }
        if (shape < 9) {
            return writer.writeValueAsString(fuzz.anyJson(3));
        }
        return fuzz.garbage();
    }

    /** Bodies that the endpoint would accept, so a single broken field reaches the deeper rules. */
    private Map<String, Object> validBody(OpenApiOperations.Op op, int player) {
        return switch (op.key()) {
            case "POST /api/v1/sessions" -> Map.of("platform", "ANDROID", "appVersion", "2.0", "deviceModel", "Pixel",
                    "osVersion", "14", "locale", "sv-SE");
            case "POST /api/v1/bet-intents" -> Map.of("sessionId", sessions.get(player), "marketId", market.marketId(),
                    "outcomeId", market.yesOutcomeId(), "oddsVersionId", market.oddsVersionId(),
                    "clientSentAt", Instant.now().toString(), "acceptOdds", "EXACT");
            case "POST /api/v1/analytics/events" -> Map.of("sessionId", sessions.get(player), "events", List.of(
                    Map.of("eventName", "clip_played", "occurredAt", Instant.now().toString(),
                            "attributes", Map.of("clipId", "c-1", "position", 3))));
            case "POST /admin/v1/markets/{marketId}/odds" -> Map.of("prices", List.of(
                    Map.of("outcomeCode", "YES", "decimalOdds", 1.9), Map.of("outcomeCode", "NO", "fractionalOdds", "11/10")));
            case "POST /admin/v1/markets/{marketId}/settlement", "PUT /admin/v1/markets/{marketId}/settlement" ->
                    Map.of("winningOutcomeCode", "YES", "correction", true, "reason", "fuzz");
            case "POST /admin/v1/markets/{marketId}/void" -> Map.of("reason", "fuzz");
            case "POST /admin/v1/analytics/event-types" -> Map.of("eventName", "fuzz_type", "description", "fuzz");
            default -> null;
        };
    }

    private String pathValue(String path, String variable, int player) {
        if (variable.equals("locale")) {
            return "en";
        }
        if (path.startsWith("/api/v1/sessions/")) {
            return sessions.get(player).toString();
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
        return UUID.randomUUID().toString();
    }

    private void setUp() {
        for (int i = 0; i < PLAYERS; i++) {
            String ref = PlayerSessions.newRef("fuzz");
            refs.add(ref);
            sessions.add(PlayerSessions.start(api, ref));
        }
        market = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(3600));
        List<String> tables = jdbc.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'
                ORDER BY table_name""", String.class);
        countSql = "SELECT " + String.join(", ", tables.stream()
                .map(t -> "(SELECT count(*) FROM " + t + ") AS \"" + t + "\"").toList());
    }

    /** Every table's row count in one round trip. */
    private Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        jdbc.queryForMap(countSql).forEach((k, v) -> out.put(k, ((Number) v).longValue()));
        return out;
    }

    private static String diff(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder d = new StringBuilder();
        after.forEach((t, n) -> {
            if (!n.equals(before.get(t))) {
                d.append(t).append(' ').append(before.get(t)).append("->").append(n).append(' ');
            }
        });
        return d.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() > 300 ? s.substring(0, 300) + "...(" + s.length() + " chars)" : s;
    }
}
