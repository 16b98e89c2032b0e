package dev.reveal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reveal.support.Api;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.TestTraces;
import dev.reveal.support.Tokens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** W3C trace context as Micrometer Tracing carries it: through the async body read, into problems, logs and metrics. */
@ExtendWith(OutputCaptureExtension.class)
class TracingTest extends IntegrationTest {

    @Test
    void aBodyReadWithoutAThreadIsHandledInTheRequestsTrace() {
        // the body is read by a ReadListener, then the request is dispatched again: the handler's problem must still
        // name the caller's trace
        String trace = TestTraces.newTraceId();
        Api.Response r = api.as(Tokens.player("trace-async")).post("/api/v1/test-probe", "{\"name\": ")
                .header("traceparent", TestTraces.traceparent(trace)).send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("traceId").asString()).isEqualTo(trace);
        assertThat(r.header("traceparent")).startsWith("00-" + trace + "-");
    }

    @Test
    void anUnsampledTraceIsContinuedToo() {
        // sampling decides what is exported, not whether there is a trace id
        String trace = TestTraces.newTraceId();
        Api.Response r = api.get("/api/v1/feed").header("traceparent", "00-" + trace + "-00f067aa0ba902b7-00").send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("traceId").asString()).isEqualTo(trace);
    }

    @Test
    void theRequestsLogLinesCarryItsTraceId(CapturedOutput output) {
        String trace = TestTraces.newTraceId();
        Api.Response r = api.as(Tokens.player("trace-log")).post("/api/v1/test-probe/fail", "{}")
                .header("traceparent", TestTraces.traceparent(trace)).send();
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().get("traceId").asString()).isEqualTo(trace);
        // plain lines in the test profile; JSON (ECS) when a context without it set up logging earlier in this JVM
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("\\[" + trace + "\\] .*ERROR|ERROR.*\\[" + trace + "\\]"
                        + "|\"level\":\"ERROR\".*\"traceId\":\"" + trace + "\""));
    }

    @Test
    void statementsAndScheduledJobsAreObserved() {
        String operator = Tokens.operator("trace-metrics");
        api.as(Tokens.player("trace-jdbc")).post("/api/v1/sessions",
                Map.of("platform", "IOS", "appVersion", "1.0", "locale", "en")).send();
        Api.Response jdbc = api.as(operator).get("/actuator/metrics/jdbc.query").send();
        assertThat(jdbc.status()).as(jdbc.toString()).isEqualTo(200);
        assertThat(jdbc.json().at("/measurements/0/value").asDouble()).isPositive();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.as(operator).get("/actuator/metrics/tasks.scheduled.execution").send().status()).isEqualTo(200));
    }
}
