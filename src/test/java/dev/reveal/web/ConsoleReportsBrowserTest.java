package dev.reveal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.reveal.support.AnalyticsFixtures;
import dev.reveal.support.Api;
import dev.reveal.support.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The console's reports drawn as charts from real reports over crafted rows on two days of the 1990s: every point
 * of every chart is the API's number, and the same numbers stand in the table beside it.
 */
class ConsoleReportsBrowserTest extends BrowserTestBase {

    @Test
    void chartsShowTheReportsNumbers() throws Exception {
        Instant day1 = Instant.parse("1991-01-01T00:00:00Z").plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(3000)));
        Instant day2 = day1.plus(Duration.ofDays(1));
        Instant from = day1;
        Instant to = day2.plus(Duration.ofDays(1));
        String s = AnalyticsFixtures.suffix();
        String open = "chart_open_" + s;
        String play = "chart_play_" + s;
        String bet = "chart_bet_" + s;
        UUID openType = AnalyticsFixtures.eventType(jdbc, open);
        UUID playType = AnalyticsFixtures.eventType(jdbc, play);
        UUID betType = AnalyticsFixtures.eventType(jdbc, bet);
        AnalyticsFixtures.Market market = AnalyticsFixtures.markets(jdbc, 1).get(0);
        // the fixture's event is OPEN for a day: keep it out of the players' feed of this shared context
        jdbc.update("UPDATE events SET status = 'CANCELLED' WHERE id = ?", market.eventId());

        // control: 4 sessions, 3 of 4 predictions accepted; b: 3 sessions, 3 of 3 accepted
        List<Fixtures.Player> sessions = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String variant = i < 4 ? "control" : "b";
            Fixtures.Player p = AnalyticsFixtures.session(jdbc, "chart-" + s + "-" + i, variant, day1.plusSeconds(600 + i), null);
            AnalyticsFixtures.betIntent(jdbc, p, market, i != 0);
            sessions.add(p);
        }
        // funnel: all 7 open, 5 then play, 2 then bet; one plays before opening (not counted at step 2)
        for (int i = 0; i < 7; i++) {
            Instant t = (i % 2 == 0 ? day1 : day2).plusSeconds(3600 + i * 60L);
            AnalyticsFixtures.analyticsEvent(jdbc, sessions.get(i), openType, t);
            if (i < 5) {
                AnalyticsFixtures.analyticsEvent(jdbc, sessions.get(i), playType, t.plusSeconds(10));
            }
            if (i < 2) {
                AnalyticsFixtures.analyticsEvent(jdbc, sessions.get(i), betType, t.plusSeconds(20));
            }
        }
        AnalyticsFixtures.analyticsEvent(jdbc, sessions.get(6), playType, day1.plusSeconds(60));

        String operator = demoToken("ops-reports", true);
        String range = "from=" + from + "&to=" + to;
        JsonNode experiments = report(operator, "/admin/v1/reports/experiments?" + range);
        JsonNode analytics = report(operator, "/admin/v1/reports/analytics?" + range);
        JsonNode funnel = report(operator, "/admin/v1/reports/funnel?" + range + "&steps=" + open + "," + play + "," + bet);

        try (Browser b = Browser.open(1280, 2000)) {
            try {
                signInOperator(b, "ops-reports-" + RUN);
                b.js("""
                        const f = document.getElementById('reports-form');
                        const local = (iso) => { const d = new Date(iso); return new Date(d - d.getTimezoneOffset() * 60000).toISOString().slice(0, 19); };
                        f.from.value = local(arguments[0]);
                        f.to.value = local(arguments[1]);
                        f.steps.value = arguments[2];""", from.toString(), to.toString(), open + "," + play + "," + bet);
                b.click("#reports-form button[type=submit]", 10);
                b.until(d -> chart(b, "chart-funnel") != null, 20, "the funnel chart drawn");

                // experiments: each variant's acceptance rate, and each non-control variant's difference to control
                List<Double> rates = new ArrayList<>();
                List<Double> differences = new ArrayList<>();
                experiments.get("variants").forEach(v -> {
                    rates.add(v.get("acceptance").get("rate").asDouble());
                    if (v.get("acceptance").has("vsControl")) {
                        differences.add(v.get("acceptance").get("vsControl").get("difference").asDouble());
                    }
                });
                assertThat(rates).containsExactlyInAnyOrder(0.75, 1.0);
                assertThat(series(b, "chart-rates", 1)).containsExactlyElementsOf(rates);
                assertThat(differences).hasSize(1);
                assertThat(series(b, "chart-differences", 1).get(0)).isCloseTo(differences.get(0), within(1e-12));
                assertThat(b.text("#report-experiments .table", 10)).contains("75.0% (3/4)").contains("100.0% (3/3)")
                        .contains("+25.0 pp");

                // daily counts: one x per UTC day, one line per event type (sorted by name)
                List<Double> days = new ArrayList<>();
                analytics.get("days").forEach(d -> days.add(
                        (double) LocalDate.parse(d.get("day").asString()).atStartOfDay(ZoneOffset.UTC).toEpochSecond()));
                assertThat(days).hasSize(2);
                assertThat(series(b, "chart-daily", 0)).containsExactlyElementsOf(days);
                List<String> types = List.of(bet, open, play);
                for (int i = 0; i < types.size(); i++) {
                    String type = types.get(i);
                    List<Double> counts = new ArrayList<>();
                    analytics.get("days").forEach(d -> counts.add(d.get("counts").has(type) ? d.get("counts").get(type).asDouble() : 0));
                    assertThat(series(b, "chart-daily", i + 1)).as(type).containsExactlyElementsOf(counts);
                }
                assertThat(analytics.get("totals").get(open).asLong()).isEqualTo(7);

                // funnel: bars of sessions per step, conversions in the table
                List<Double> reached = new ArrayList<>();
                funnel.get("steps").forEach(st -> reached.add(st.get("sessions").asDouble()));
                assertThat(reached).containsExactly(7.0, 5.0, 2.0);
                assertThat(series(b, "chart-funnel", 1)).containsExactlyElementsOf(reached);
                assertThat(b.text("#report-funnel .table", 10)).contains("71.4%").contains("40.0%").contains("28.6%");

                for (String report : List.of("report-experiments", "report-analytics", "report-funnel")) {
                    b.screenshot("console-" + report, "#" + report);
                }
            } catch (AssertionError | RuntimeException e) {
                b.screenshot("reports-failure");
                throw new AssertionError(e.getMessage() + "\nbrowser log:\n" + b.consoleLog(), e);
            }
        }
    }

    private JsonNode report(String operator, String path) {
        Api.Response r = api.as(operator).get(path).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static Object chart(Browser b, String id) {
        return b.js("return document.getElementById(arguments[0]).uplot ? true : null", id);
    }

    /** One series of the chart's data as uPlot holds it (what it draws), as numbers. */
    @SuppressWarnings("unchecked")
    private static List<Double> series(Browser b, String chartId, int index) {
        List<Object> values = (List<Object>) b.js("return document.getElementById(arguments[0]).uplot.data[arguments[1]]",
                chartId, index);
        return values.stream().map(v -> v == null ? null : ((Number) v).doubleValue()).toList();
    }
}
