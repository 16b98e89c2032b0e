package dev.reveal.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.reveal.support.AnalyticsFixtures;
import dev.reveal.support.AnalyticsFixtures.Market;
import dev.reveal.support.Api;
import dev.reveal.support.Fixtures;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The experiment report on a crafted cohort. Sessions start on one random day of the 2000s that no other test
 * uses, so the figures below are exactly this data set's.
 *
 * <pre>
 * variant   users sessions (lengths)              intents accepted  WON LOST VOID pending  events (view, play)
 * control   4     5 (60, 120, 180, 240 s, 1 open)  100     40        12   18   0    10       15 (10, 5)
 * b         3     4 (30, 90, 150 s, 1 open)        100     55        26   14   5    10        4 (4, 0)
 * c         1     1 (open)                           0      0         0    0   0     0        0
 * + a control session starting exactly at `to` and one just before `from` (excluded, with intents and events)
 * </pre>
 */
class ExperimentReportTest extends IntegrationTest {

    private static Instant from;
    private static Instant to;

    // Built once for the class (the tests only read it); JUnit's @BeforeAll cannot see the injected JdbcTemplate.
    @BeforeEach
    void craftTheCohortOnce() {
        if (from != null) {
            return;
        }
        Instant start = Instant.parse("2001-01-01T00:00:00Z").plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(3000)));
        craft(start, start.plus(Duration.ofDays(1)));
        from = start;
        to = start.plus(Duration.ofDays(1));
    }

    private void craft(Instant from, Instant to) {
        String s = AnalyticsFixtures.suffix();
        var view = AnalyticsFixtures.eventType(jdbc, "exp_view_" + s);
        var play = AnalyticsFixtures.eventType(jdbc, "exp_play_" + s);
        List<Market> markets = AnalyticsFixtures.markets(jdbc, 200);

        Instant t = from.plus(Duration.ofHours(1));
        List<Fixtures.Player> control = List.of(
                AnalyticsFixtures.session(jdbc, "exp-c1-" + s, "control", t, t.plusSeconds(60)),
                AnalyticsFixtures.session(jdbc, "exp-c1-" + s, "control", t.plusSeconds(600), t.plusSeconds(720)),
                AnalyticsFixtures.session(jdbc, "exp-c2-" + s, "control", t, t.plusSeconds(180)),
                AnalyticsFixtures.session(jdbc, "exp-c3-" + s, "control", t, t.plusSeconds(240)),
                AnalyticsFixtures.session(jdbc, "exp-c4-" + s, "control", t, null));
        for (int g = 0; g < 100; g++) {
            AnalyticsFixtures.betIntent(jdbc, control.get(g % 5), markets.get(g), g < 40);
        }
        for (int g = 0; g < 30; g++) {
            AnalyticsFixtures.settle(jdbc, markets.get(g), g < 12);     // 12 won, 18 lost, markets 30..39 pending
        }
        for (int i = 0; i < 15; i++) {
            AnalyticsFixtures.analyticsEvent(jdbc, control.get(i % 5), i < 10 ? view : play, t.plusSeconds(i));
        }

        List<Fixtures.Player> b = List.of(
                AnalyticsFixtures.session(jdbc, "exp-b1-" + s, "b", t, t.plusSeconds(30)),
                AnalyticsFixtures.session(jdbc, "exp-b1-" + s, "b", t.plusSeconds(900), t.plusSeconds(990)),
                AnalyticsFixtures.session(jdbc, "exp-b2-" + s, "b", t, t.plusSeconds(150)),
                AnalyticsFixtures.session(jdbc, "exp-b3-" + s, "b", t, null));
        for (int g = 0; g < 100; g++) {
            AnalyticsFixtures.betIntent(jdbc, b.get(g % 4), markets.get(100 + g), g < 55);
        }
        for (int g = 0; g < 40; g++) {
            AnalyticsFixtures.settle(jdbc, markets.get(100 + g), g < 26); // 26 won, 14 lost
        }
        for (int g = 40; g < 45; g++) {
            AnalyticsFixtures.voidMarket(jdbc, markets.get(100 + g));    // 5 void, markets 145..154 pending
        }
        for (int i = 0; i < 4; i++) {
            AnalyticsFixtures.analyticsEvent(jdbc, b.get(i), view, t.plusSeconds(i));
        }

        AnalyticsFixtures.session(jdbc, "exp-c5-" + s, "c", t, null);

        // Outside the range: a session starting exactly at `to` (exclusive) and one just before `from`.
        Fixtures.Player late = AnalyticsFixtures.session(jdbc, "exp-c1-" + s, "control", to, null);
        Fixtures.Player early = AnalyticsFixtures.session(jdbc, "exp-x-" + s, "control", from.minusMillis(1), from.plusSeconds(5));
        AnalyticsFixtures.betIntent(jdbc, late, markets.get(99), true);
        AnalyticsFixtures.betIntent(jdbc, early, markets.get(98), true);
        AnalyticsFixtures.analyticsEvent(jdbc, late, play, to.plusSeconds(1));
        AnalyticsFixtures.analyticsEvent(jdbc, early, view, from.plusSeconds(1));
    }

    private JsonNode report() {
        Api.Response r = api.as(Tokens.operator("analyst")).get("/admin/v1/reports/experiments?from=" + from + "&to=" + to).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode variant(JsonNode report, String name) {
        for (JsonNode v : report.get("variants")) {
            if (v.get("variant").asString().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no variant " + name + " in " + report);
    }

    @Test
    void countsRatesPerSessionFiguresAndEventsPerType() {
        JsonNode report = report();
        assertThat(report.get("controlVariant").asString()).isEqualTo("control");
        assertThat(report.get("controlPresent").asBoolean()).isTrue();
        List<String> names = new ArrayList<>();
        report.get("variants").forEach(v -> names.add(v.get("variant").asString()));
        assertThat(names).containsExactly("b", "c", "control");

        JsonNode control = variant(report, "control");
        assertThat(control.get("users").asLong()).isEqualTo(4);
        assertThat(control.get("sessions").asLong()).isEqualTo(5);
        assertThat(control.get("endedSessions").asLong()).isEqualTo(4);
        assertThat(control.get("meanSessionSeconds").asDouble()).isCloseTo(150.0, within(1e-9)); // (60+120+180+240)/4
        assertThat(control.get("predictions").asLong()).isEqualTo(100);
        assertThat(control.get("predictionsPerSession").asDouble()).isCloseTo(20.0, within(1e-9)); // 100/5
        assertThat(control.get("acceptance").get("successes").asLong()).isEqualTo(40);
        assertThat(control.get("acceptance").get("trials").asLong()).isEqualTo(100);
        assertThat(control.get("acceptance").get("rate").asDouble()).isCloseTo(0.40, within(1e-9));
        assertThat(control.get("acceptance").has("vsControl")).isFalse();
        assertThat(control.get("accuracy").get("successes").asLong()).isEqualTo(12);
        assertThat(control.get("accuracy").get("trials").asLong()).isEqualTo(30);
        assertThat(control.get("accuracy").get("rate").asDouble()).isCloseTo(0.40, within(1e-9));
        assertThat(control.get("analyticsEvents").asLong()).isEqualTo(15);
        assertThat(control.get("analyticsEventsPerSession").asDouble()).isCloseTo(3.0, within(1e-9)); // 15/5
        JsonNode controlByType = control.get("analyticsEventsPerSessionByType");
        assertThat(controlByType.size()).isEqualTo(2);
        assertThat(controlByType.properties()).allSatisfy(e -> assertThat(e.getKey()).startsWith("exp_"));
        assertThat(valueOf(controlByType, "exp_view_")).isCloseTo(2.0, within(1e-9));  // 10/5
        assertThat(valueOf(controlByType, "exp_play_")).isCloseTo(1.0, within(1e-9));  // 5/5

        JsonNode b = variant(report, "b");
        assertThat(b.get("users").asLong()).isEqualTo(3);
        assertThat(b.get("sessions").asLong()).isEqualTo(4);
        assertThat(b.get("endedSessions").asLong()).isEqualTo(3);
        assertThat(b.get("meanSessionSeconds").asDouble()).isCloseTo(90.0, within(1e-9));    // (30+90+150)/3
        assertThat(b.get("predictionsPerSession").asDouble()).isCloseTo(25.0, within(1e-9)); // 100/4
        assertThat(b.get("acceptance").get("rate").asDouble()).isCloseTo(0.55, within(1e-9));
        assertThat(b.get("accuracy").get("successes").asLong()).isEqualTo(26);                // void and pending excluded
        assertThat(b.get("accuracy").get("trials").asLong()).isEqualTo(40);
        assertThat(b.get("accuracy").get("rate").asDouble()).isCloseTo(0.65, within(1e-9));
        assertThat(b.get("analyticsEventsPerSession").asDouble()).isCloseTo(1.0, within(1e-9)); // 4/4
        assertThat(b.get("analyticsEventsPerSessionByType").size()).isEqualTo(1);

        JsonNode c = variant(report, "c");
        assertThat(c.get("sessions").asLong()).isEqualTo(1);
        assertThat(c.has("meanSessionSeconds")).isFalse();
        assertThat(c.get("predictions").asLong()).isZero();
        assertThat(c.get("acceptance").has("rate")).isFalse();
        assertThat(c.get("acceptance").has("vsControl")).isFalse();
    }

    @Test
    void acceptanceOfBAgainstControl() {
        // control 40/100 = 0.40, b 55/100 = 0.55, difference +0.15
        // Wilson 55/100 = [0.452446, 0.643855], 40/100 = [0.309401, 0.497997]
        // Newcombe 95% CI = 0.15 − √(0.097554² + 0.097997²), 0.15 + √(0.093855² + 0.090599²) → [0.012, 0.280]
        // pooled p = 95/200 = 0.475, SE = sqrt(0.475·0.525·(2/100)) = 0.070622, z = 0.15/0.070622 = 2.124
        // p = 2·(1 − Φ(2.124)) = 0.034
        JsonNode vs = variant(report(), "b").get("acceptance").get("vsControl");
        assertThat(vs.get("difference").asDouble()).isCloseTo(0.150, within(0.0005));
        assertThat(vs.get("ciLow").asDouble()).isCloseTo(0.012, within(0.0005));
        assertThat(vs.get("ciHigh").asDouble()).isCloseTo(0.280, within(0.0005));
        assertThat(vs.get("z").asDouble()).isCloseTo(2.124, within(0.0005));
        assertThat(vs.get("pValue").asDouble()).isCloseTo(0.034, within(0.0005));
    }

    @Test
    void accuracyOfBAgainstControl() {
        // control 12/30 = 0.40, b 26/40 = 0.65, difference +0.25
        // Wilson 26/40 = [0.495059, 0.778655], 12/30 = [0.245906, 0.576796]
        // Newcombe 95% CI = 0.25 − √(0.154941² + 0.176796²), 0.25 + √(0.128655² + 0.154094²) → [0.015, 0.451]
        // pooled p = 38/70 = 0.542857, SE = sqrt(0.542857·0.457143·(1/30 + 1/40)) = sqrt(0.0144762) = 0.120317
        // z = 0.25/0.120317 = 2.078, p = 2·(1 − Φ(2.078)) = 0.038
        JsonNode vs = variant(report(), "b").get("accuracy").get("vsControl");
        assertThat(vs.get("difference").asDouble()).isCloseTo(0.250, within(0.0005));
        assertThat(vs.get("ciLow").asDouble()).isCloseTo(0.015, within(0.0005));
        assertThat(vs.get("ciHigh").asDouble()).isCloseTo(0.451, within(0.0005));
        assertThat(vs.get("z").asDouble()).isCloseTo(2.078, within(0.0005));
        assertThat(vs.get("pValue").asDouble()).isCloseTo(0.038, within(0.0005));
    }

    @Test
    void theRangeIsValidated() {
        for (String query : List.of("", "?from=" + from, "?to=" + to, "?from=yesterday&to=" + to,
                "?from=" + to + "&to=" + from, "?from=" + from + "&to=" + from)) {
            Api.Response r = api.as(Tokens.operator("analyst")).get("/admin/v1/reports/experiments" + query).send();
            assertThat(r.status()).as(query + " → " + r).isEqualTo(400);
            assertThat(r.code()).isEqualTo("INVALID_PARAMETER");
        }
        assertThat(api.as(Tokens.player("p")).get("/admin/v1/reports/experiments?from=" + from + "&to=" + to).send().status())
                .isEqualTo(403);
    }

    private static double valueOf(JsonNode byType, String prefix) {
        return byType.properties().stream().filter(e -> e.getKey().startsWith(prefix)).findFirst()
                .orElseThrow().getValue().asDouble();
    }
}
