package dev.reveal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.Api;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.RowCounts;
import dev.reveal.support.Tokens;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every error path answers an RFC 9457 problem with a stable code and the trace id, and writes nothing. */
class ErrorAndAuthTest extends IntegrationTest {

    private Map<String, Long> before;

    @BeforeEach
    void snapshot() {
        before = RowCounts.snapshot(jdbc);
    }

    @AfterEach
    void nothingWritten() {
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void missingTokenIsUnauthenticated() {
        Api.Response r = api.get("/api/v1/feed").send();
        assertProblem(r, 401, "UNAUTHENTICATED");
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void expiredBadlySignedAndUnsignedTokensAreUnauthenticated() {
        for (String token : new String[] {Tokens.expired("alice"), Tokens.badSignature("alice"), Tokens.algNone("alice"),
                "not-a-jwt"}) {
            assertProblem(api.as(token).get("/admin/v1/anything").send(), 401, "UNAUTHENTICATED");
            assertProblem(api.as(token).post("/api/v1/test-probe", Map.of("name", "x")).send(), 401, "UNAUTHENTICATED");
        }
    }

    @Test
    void playerTokenOnAdminRouteIsForbidden() {
        assertProblem(api.as(Tokens.player("alice")).get("/admin/v1/events").send(), 403, "FORBIDDEN");
        assertProblem(api.as(Tokens.player("alice")).get("/actuator/prometheus").send(), 403, "FORBIDDEN");
    }

    @Test
    void malformedJsonIsBadRequest() {
        Api.Response r = api.as(Tokens.player("alice")).post("/api/v1/test-probe", "{\"name\": ").send();
        assertProblem(r, 400, "MALFORMED_BODY");
        Api.Response wrongType = api.as(Tokens.player("alice")).post("/api/v1/test-probe", "{\"name\":\"a\",\"size\":\"big\"}").send();
        assertProblem(wrongType, 400, "MALFORMED_BODY");
        assertThat(wrongType.json().get("errors").get(0).get("field").asString()).isEqualTo("size");
        assertThat(wrongType.body()).doesNotContain("java.", "Integer");
    }

    @Test
    void invalidFieldsAreListed() {
        Api.Response r = api.as(Tokens.player("alice")).post("/api/v1/test-probe", Map.of("name", " ", "size", 11)).send();
        assertProblem(r, 400, "VALIDATION_FAILED");
        assertThat(r.json().get("errors")).hasSize(2);
    }

    @Test
    void unknownRouteIsNotFound() {
        assertProblem(api.as(Tokens.player("alice")).get("/api/v1/no-such-thing").send(), 404, "NOT_FOUND");
        assertProblem(api.as(Tokens.operator("op")).get("/admin/v1/no-such-thing").send(), 404, "NOT_FOUND");
    }

    @Test
    void wrongMethodAndMediaTypeAreProblems() {
        assertProblem(api.as(Tokens.player("alice")).get("/api/v1/test-probe").send(), 405, "METHOD_NOT_ALLOWED");
        Api.Response r = api.as(Tokens.player("alice")).post("/api/v1/test-probe", "name=x")
                .header("Content-Type", "text/plain").send();
        assertProblem(r, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void oversizedBodyIsRefused() {
        String huge = "{\"name\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}";
        assertProblem(api.as(Tokens.player("alice")).post("/api/v1/test-probe", huge).send(), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void unexpectedFaultHidesItsDetails() {
        Api.Response r = api.as(Tokens.player("alice")).post("/api/v1/test-probe/fail", "{}").send();
        assertProblem(r, 500, "INTERNAL_ERROR");
        assertThat(r.body()).doesNotContain("secret internal detail", "Exception", "at dev.");
    }

    @Test
    void traceparentIsAcceptedEchoedAndInProblems() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Api.Response r = api.get("/api/v1/feed").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").send();
        assertThat(r.json().get("traceId").asString()).isEqualTo(traceId);
        assertThat(r.header("traceparent")).startsWith("00-" + traceId + "-");

        Api.Response generated = api.get("/api/v1/feed").header("traceparent", "garbage").send();
        String newId = generated.json().get("traceId").asString();
        assertThat(newId).matches("[0-9a-f]{32}").isNotEqualTo(traceId);
        assertThat(generated.header("traceparent")).contains(newId);
    }

    @Test
    void publicEndpointsNeedNoToken() {
        assertThat(api.get("/actuator/health/readiness").send().status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/liveness").send().status()).isEqualTo(200);
        Api.Response docs = api.get("/v3/api-docs").send();
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("openapi").asString()).startsWith("3.");
        assertThat(api.as(Tokens.operator("op")).get("/actuator/prometheus").send().body()).contains("jvm_");
    }

    @Test
    void securityHeadersAreSet() {
        Api.Response r = api.get("/actuator/health").send();
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.header("Content-Security-Policy")).contains("default-src 'self'");
    }

    private static void assertProblem(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.json().get("traceId").asString()).matches("[0-9a-f]{32}");
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
    }
}
