package dev.reveal.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.Fixtures;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.PlayerSessions;
import dev.reveal.support.RowCounts;
import dev.reveal.support.TestTraces;
import dev.reveal.support.Tokens;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The breaks that probing the running service from the outside found (issue 13), each as it was sent: odd content
 * types, header bytes, token claims, transfer codings and instants. Every one must be a 4xx problem with a code and a
 * trace id that writes nothing.
 */
class OutsideProbesTest extends IntegrationTest {

    /** Every probe carries this trace (but the one that sends a broken traceparent): its problem must name it. */
    private static final String TRACE_ID = TestTraces.newTraceId();
    private static final String TRACEPARENT = "traceparent: " + TestTraces.traceparent(TRACE_ID) + "\r\n";

    @Test
    void wildcardAndNonJsonContentTypesAre415() {
        String player = Tokens.player(PlayerSessions.newRef("probe-ct"));
        var before = RowCounts.snapshot(jdbc);
        String body = "{\"platform\":\"IOS\",\"appVersion\":\"1.0\",\"locale\":\"en\"}";
        for (String type : List.of("*/*", "application/*", "text/*", "application/yaml", "application/x-yaml",
                "text/plain", "application/xml", "application/x-www-form-urlencoded", "application/cbor", "*/json",
                "application/json;charset=nonsense", "garbage")) {
            for (String path : List.of("/api/v1/sessions", "/demo/token")) {
                RawExchange r = post(path, player, type, body);
                assertProblem(r, path + " " + type);
                assertThat(r.status()).as(path + " " + type).isIn(400, 404, 415);
            }
        }
        // found by the header fuzzing: an empty PUT still had its wildcard type parsed, and a PUT form body was decoded
        String operator = Tokens.operator("probe-ct-op");
        for (String[] put : new String[][] {{"application/*", ""}, {"application/x-www-form-urlencoded", "a=%zz&b"}}) {
            byte[] bytes = put[1].getBytes(StandardCharsets.UTF_8);
            RawExchange r = RawExchange.send(port, head("PUT /admin/v1/localization-keys/probe.ct", operator, put[0],
                    bytes.length, null, null), bytes);
            assertProblem(r, "PUT " + put[0]);
            assertThat(r.status()).as("PUT " + put[0]).isEqualTo(415);
        }
        RawExchange yaml = post("/api/v1/sessions", player, "application/yaml", "platform: IOS\nappVersion: '1.0'\nlocale: en\n");
        assertThat(yaml.status()).as("a YAML body is not parsed").isEqualTo(415);
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
        assertThat(post("/api/v1/sessions", player, "application/json; charset=utf-8", body).status()).isEqualTo(201);
    }

    @Test
    void signedMediaLinksWithAnyExpiryAre404NeverAFault() {
        // found reading the fair-play links: an expiry beyond java.time's range (any long is accepted) was a 500
        for (String exp : List.of("9223372036854775807", "-9223372036854775808", "31556889864403199", "0")) {
            for (String path : List.of("/media/keys/" + UUID.randomUUID(), "/media/AAAAAAAAAAAAAAAAAAAAAA/reveal.m3u8")) {
                var r = api.get(path + "?exp=" + exp + "&sig=x").send();
                assertThat(r.status()).as(path + " exp=" + exp + " " + r.body()).isEqualTo(404);
            }
        }
        assertThat(api.get("/media/keys/" + UUID.randomUUID() + "?exp=1e9&sig=x").send().status()).isEqualTo(400);
    }

    @Test
    void headerBytesOutsideAsciiAre400() {
        String ref = PlayerSessions.newRef("probe-bytes");
        UUID session = PlayerSessions.start(api, ref);
        var market = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(3600));
        String token = Tokens.player(ref);
        String bet = "{\"sessionId\":\"" + session + "\",\"marketId\":\"" + market.marketId() + "\",\"outcomeId\":\""
                + market.yesOutcomeId() + "\",\"oddsVersionId\":\"" + market.oddsVersionId() + "\",\"clientSentAt\":\""
                + Instant.now() + "\"}";
        var before = RowCounts.snapshot(jdbc);
        for (int b = 0x80; b <= 0xFF; b += 0x0F) {
            byte[] value = {'k', (byte) b, (byte) (b + 1 > 0xFF ? 0xFF : b + 1), 'x'};
            RawExchange key = RawExchange.send(port, head("POST /api/v1/bet-intents", token, "application/json",
                    bet.getBytes(StandardCharsets.UTF_8).length, "Idempotency-Key", value), bet.getBytes(StandardCharsets.UTF_8));
            assertProblem(key, "Idempotency-Key byte " + b);
            assertThat(key.status()).as("Idempotency-Key byte %x", b).isEqualTo(400);
            for (String[] read : new String[][] {{"GET /api/v1/feed?locale=en", "If-None-Match"},
                    {"GET /api/v1/me/bet-intents", "Last-Event-ID"}, {"GET /api/v1/me/summary", "traceparent"}}) {
                RawExchange r = RawExchange.send(port, head(read[0], token, null, -1, read[1], value), new byte[0]);
                assertThat(r.status()).as(read[1] + " byte %x: %s", b, r.body()).isLessThan(500);
                if (r.status() >= 400) {
                    assertProblem(r, read[1]);
                }
            }
        }
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void twoIdempotencyKeysAre400() {
        String ref = PlayerSessions.newRef("probe-two-keys");
        PlayerSessions.start(api, ref);
        var before = RowCounts.snapshot(jdbc);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/v1/bet-intents HTTP/1.1\r\nHost: localhost\r\n" + TRACEPARENT + "Authorization: Bearer " + Tokens.player(ref)
                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nIdempotency-Key: a\r\nIdempotency-Key: b\r\n";
        RawExchange r = RawExchange.send(port, head.getBytes(StandardCharsets.ISO_8859_1), body);
        assertProblem(r, "two keys");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("Idempotency-Key");
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void claimsOfAnyJsonTypeNeverFault() {
        long exp = Instant.now().plusSeconds(3600).getEpochSecond();
        String ref = PlayerSessions.newRef("probe-claims");
        // a null roles claim is no role: a player
        assertThat(summary(Tokens.signedPayload("{\"sub\":\"" + ref + "\",\"exp\":" + exp + ",\"roles\":null}")).status())
                .isEqualTo(200);
        assertThat(RawExchange.send(port, head("GET /admin/v1/events", Tokens.signedPayload(
                "{\"sub\":\"" + ref + "\",\"exp\":" + exp + ",\"roles\":null}"), null, -1, null, null), new byte[0]).status())
                .isEqualTo(403);
        List<String> values = List.of("null", "true", "0", "-1.5", "1e400", "\"operator\"", "\"\"", "[]", "[null]",
                "[1,2]", "[\"operator\",1]", "[[\"operator\"]]", "{}", "{\"operator\":true}");
        for (String claim : List.of("roles", "sub", "exp", "iss", "aud", "nbf", "iat", "jti")) {
            for (String value : values) {
                String payload = "{\"sub\":\"" + ref + "\",\"exp\":" + exp + ",\"roles\":[\"player\"],\"" + claim + "\":" + value + "}";
                RawExchange r = summary(Tokens.signedPayload(payload));
                assertThat(r.status()).as(payload).isIn(200, 401);
                if (r.status() == 401) {
                    assertProblem(r, payload);
                }
            }
        }
    }

    @Test
    void subjectsThatAreNotUnicodeTextAre401AndCreateNoPlayer() {
        long exp = Instant.now().plusSeconds(3600).getEpochSecond();
        String ref = "probe-sur" + UUID.randomUUID().toString().substring(0, 8);
        var before = RowCounts.snapshot(jdbc);
        for (String escaped : List.of("\\ud800", "\\udbff", "\\udc00", "a\\ud800", "\\udc00\\ud800")) {
            RawExchange r = startSession(Tokens.signedPayload("{\"sub\":\"" + ref + escaped + "x\",\"exp\":" + exp + "}"));
            assertThat(r.status()).as(escaped).isEqualTo(401);
            assertProblem(r, escaped);
        }
        for (byte[] bad : List.of(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xE2, (byte) 0x82})) {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            payload.writeBytes(("{\"sub\":\"" + ref).getBytes(StandardCharsets.UTF_8));
            payload.writeBytes(bad);
            payload.writeBytes(("x\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
            RawExchange r = startSession(Tokens.signedPayload(payload.toByteArray()));
            assertThat(r.status()).as("raw bytes %s", java.util.HexFormat.of().formatHex(bad)).isEqualTo(401);
        }
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
        // a real supplementary character is fine and stays itself
        RawExchange ok = startSession(Tokens.signedPayload("{\"sub\":\"" + ref + "\\ud83d\\ude00x\",\"exp\":" + exp + "}"));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users WHERE external_ref = ?", Long.class, ref + "😀x")).isOne();
    }

    @Test
    void instantsBeyondTheDatabaseRangeAre400WhereverTheyAreParsed() {
        String operator = Tokens.operator("probe-instants");
        String far = "%2B1000000000-01-01T00%3A00%3A00Z";
        for (String path : List.of("/admin/v1/audit-logs?from=" + far, "/admin/v1/audit-logs?to=" + far,
                "/admin/v1/reports/analytics?from=2026-01-01T00:00:00Z&to=" + far,
                "/admin/v1/reports/experiments?from=2026-01-01T00:00:00Z&to=" + far,
                "/admin/v1/reports/funnel?from=2026-01-01T00:00:00Z&to=" + far + "&steps=a,b",
                "/admin/v1/events?lockFrom=-999999999-01-01T00%3A00%3A00Z", "/admin/v1/events?lockTo=" + far)) {
            RawExchange r = RawExchange.send(port, head("GET " + path, operator, null, -1, null, null), new byte[0]);
            assertProblem(r, path);
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(json(r).get("code").asString()).as(path).isEqualTo("INVALID_TIMESTAMP");
        }
        var before = RowCounts.snapshot(jdbc);
        String ref = PlayerSessions.newRef("probe-instant-body");
        UUID session = PlayerSessions.start(api, ref);
        var market = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(3600));
        before = RowCounts.snapshot(jdbc);
        String bet = "{\"sessionId\":\"" + session + "\",\"marketId\":\"" + market.marketId() + "\",\"outcomeId\":\""
                + market.yesOutcomeId() + "\",\"oddsVersionId\":\"" + market.oddsVersionId()
                + "\",\"clientSentAt\":\"+1000000000-01-01T00:00:00Z\"}";
        RawExchange r = RawExchange.send(port, head("POST /api/v1/bet-intents", Tokens.player(ref), "application/json",
                bet.length(), "Idempotency-Key", "far-instant".getBytes(StandardCharsets.US_ASCII)), bet.getBytes(StandardCharsets.UTF_8));
        assertProblem(r, "clientSentAt");
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).get("code").asString()).isEqualTo("INVALID_TIMESTAMP");
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void queryStringsThatAreNotPercentEncodingAre400() {
        String token = Tokens.player(PlayerSessions.newRef("probe-query"));
        for (String path : List.of("/api/v1/feed?locale=%%%", "/api/v1/feed?locale=%e4", "/api/v1/stream?x=%zz",
                "/api/v1/me/summary?a=%")) {
            RawExchange r = RawExchange.send(port, head("GET " + path, token, null, -1, null, null), new byte[0]);
            assertProblem(r, path);
            assertThat(r.status()).as(path).isEqualTo(400);
        }
    }

    @Test
    void theErrorPathCalledDirectlyIs404() {
        RawExchange r = RawExchange.send(port, head("GET /error", null, null, -1, null, null), new byte[0]);
        assertProblem(r, "/error");
        assertThat(r.status()).isEqualTo(404);
    }

    @Test
    void anUnknownTransferCodingIs400() {
        String head = "POST /api/v1/sessions HTTP/1.1\r\nHost: localhost\r\n" + TRACEPARENT + "Content-Type: application/json\r\n"
                + "Transfer-Encoding: gzip, chunked\r\n";
        RawExchange r = RawExchange.send(port, head.getBytes(StandardCharsets.ISO_8859_1),
                "2\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertProblem(r, "gzip, chunked");
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).get("code").asString()).isNotEqualTo("INTERNAL_ERROR");
    }

    @Test
    void aChunkedBodyOverTheCapIs413() {
        String ref = PlayerSessions.newRef("probe-chunked");
        UUID session = PlayerSessions.start(api, ref);
        var before = RowCounts.snapshot(jdbc);
        String json = "{\"sessionId\":\"" + session + "\",\"events\":[{\"eventName\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}]}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        for (int at = 0; at < bytes.length; at += 65_536) {
            int n = Math.min(65_536, bytes.length - at);
            chunked.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            chunked.write(bytes, at, n);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        String head = "POST /api/v1/analytics/events HTTP/1.1\r\nHost: localhost\r\n" + TRACEPARENT + "Authorization: Bearer "
                + Tokens.player(ref) + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n";
        RawExchange r = RawExchange.send(port, head.getBytes(StandardCharsets.ISO_8859_1), chunked.toByteArray());
        assertProblem(r, "3 MB chunked");
        assertThat(r.status()).isEqualTo(413);
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void aPreflightFromAnOriginNotAllowedIsAProblem() {
        String head = "OPTIONS /api/v1/feed HTTP/1.1\r\nHost: localhost\r\n" + TRACEPARENT + "Origin: https://evil.example\r\n"
                + "Access-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: authorization\r\n";
        RawExchange r = RawExchange.send(port, head.getBytes(StandardCharsets.ISO_8859_1), new byte[0]);
        assertThat(r.status()).isEqualTo(403);
        assertProblem(r, "preflight");
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
    }

    private RawExchange post(String path, String token, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return RawExchange.send(port, head("POST " + path, token, contentType, bytes.length, null, null), bytes);
    }

    private RawExchange summary(String token) {
        return RawExchange.send(port, head("GET /api/v1/me/summary", token, null, -1, null, null), new byte[0]);
    }

    private RawExchange startSession(String token) {
        byte[] body = "{\"platform\":\"IOS\",\"appVersion\":\"1.0\",\"locale\":\"en\"}".getBytes(StandardCharsets.UTF_8);
        return RawExchange.send(port, head("POST /api/v1/sessions", token, "application/json", body.length, null, null), body);
    }

    /** A request head; {@code extraValue} is written byte for byte. */
    private static byte[] head(String requestLine, String token, String contentType, int length, String extraName,
            byte[] extraValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder text = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: localhost\r\n");
        if (!"traceparent".equalsIgnoreCase(extraName)) {
            text.append(TRACEPARENT);
        }
        if (token != null) {
            text.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (contentType != null) {
            text.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (length >= 0) {
            text.append("Content-Length: ").append(length).append("\r\n");
        }
        out.writeBytes(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (extraName != null) {
            out.writeBytes((extraName + ": ").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(extraValue);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    private JsonNode json(RawExchange r) {
        return json.readTree(r.body());
    }

    private void assertProblem(RawExchange r, String what) {
        assertThat(r.status()).as(what + ": " + r.body()).isBetween(400, 499);
        assertThat(r.header("Content-Type")).as(what).startsWith("application/problem+json");
        JsonNode problem = json(r);
        assertThat(problem.get("code")).as(what).isNotNull();
        // the probe's own trace, also where the container refused the request before the application saw it, where the
        // error was rendered in a later dispatch, and after a body read without a thread; a broken one starts a trace
        if (what.equals("traceparent")) {
            assertThat(problem.get("traceId").asString()).as(what).matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID);
        } else {
            assertThat(problem.get("traceId").asString()).as(what).isEqualTo(TRACE_ID);
        }
    }
}
