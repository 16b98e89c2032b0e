package dev.reveal.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.reveal.support.AnalyticsFixtures;
import dev.reveal.support.Api;
import dev.reveal.support.Fixtures;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Daily counts and funnels over crafted events on random days of the 1990s that no other test uses. */
class AnalyticsReportsTest extends IntegrationTest {

    private static Instant randomDay() {
        return Instant.parse("1990-01-01T00:00:00Z").plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(3000)));
    }

    private Api.Response get(String path) {
        return api.as(Tokens.operator("analyst")).get(path).send();
    }

    @Test
    void countsPerEventTypeAndUtcDay() {
        Instant day1 = randomDay();
        Instant day2 = day1.plus(Duration.ofDays(1));
        Instant to = day2.plus(Duration.ofDays(1));
        String s = AnalyticsFixtures.suffix();
        UUID opened = AnalyticsFixtures.eventType(jdbc, "daily_opened_" + s);
        UUID played = AnalyticsFixtures.eventType(jdbc, "daily_played_" + s);
        Fixtures.Player p = AnalyticsFixtures.session(jdbc, "daily-" + s, "control", day1.minusSeconds(60), null);
        AnalyticsFixtures.analyticsEvent(jdbc, p, opened, day1);                         // day 1 (from is inclusive)
        AnalyticsFixtures.analyticsEvent(jdbc, p, opened, day1.plusSeconds(3600));       // day 1
        AnalyticsFixtures.analyticsEvent(jdbc, p, opened, day2.minusMillis(1));          // day 1, last millisecond
        AnalyticsFixtures.analyticsEvent(jdbc, p, played, day1.plusSeconds(7200));       // day 1
        AnalyticsFixtures.analyticsEvent(jdbc, p, opened, day2);                         // day 2
        AnalyticsFixtures.analyticsEvent(jdbc, p, played, day2.plusSeconds(10));         // day 2
        AnalyticsFixtures.analyticsEvent(jdbc, p, played, day2.plusSeconds(20));         // day 2
        AnalyticsFixtures.analyticsEvent(jdbc, p, played, to);                           // excluded (to is exclusive)
        AnalyticsFixtures.analyticsEvent(jdbc, p, played, day1.minusMillis(1));          // excluded

        Api.Response r = get("/admin/v1/reports/analytics?from=" + day1 + "&to=" + to);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.get("totals").get("daily_opened_" + s).asLong()).isEqualTo(4);
        assertThat(report.get("totals").get("daily_played_" + s).asLong()).isEqualTo(3);
        JsonNode days = report.get("days");
        assertThat(days.size()).isEqualTo(2);
        assertThat(days.get(0).get("day").asString()).isEqualTo(day1.toString().substring(0, 10));
        assertThat(days.get(0).get("total").asLong()).isEqualTo(4);
        assertThat(days.get(0).get("counts").get("daily_opened_" + s).asLong()).isEqualTo(3);
        assertThat(days.get(0).get("counts").get("daily_played_" + s).asLong()).isEqualTo(1);
        assertThat(days.get(1).get("day").asString()).isEqualTo(day2.toString().substring(0, 10));
        assertThat(days.get(1).get("counts").get("daily_opened_" + s).asLong()).isEqualTo(1);
        assertThat(days.get(1).get("counts").get("daily_played_" + s).asLong()).isEqualTo(2);
    }

    @Test
    void aFunnelCountsSessionsThatReachedEachStepInOrder() {
        Instant from = randomDay().plus(Duration.ofDays(4000));
        Instant to = from.plus(Duration.ofDays(1));
        Instant t = from.plus(Duration.ofHours(1));
        String s = AnalyticsFixtures.suffix();
        String open = "fun_open_" + s;
        String play = "fun_play_" + s;
        String bet = "fun_bet_" + s;
        UUID o = AnalyticsFixtures.eventType(jdbc, open);
        UUID p = AnalyticsFixtures.eventType(jdbc, play);
        UUID b = AnalyticsFixtures.eventType(jdbc, bet);
        record Step(UUID type, int minute) {
        }
        List<List<Step>> sessions = List.of(
                List.of(new Step(o, 1), new Step(p, 2), new Step(b, 3)),                  // S1 reaches 3
                List.of(new Step(o, 1), new Step(b, 2), new Step(p, 3)),                  // S2 reaches 2: bet came before play
                List.of(new Step(p, 1), new Step(o, 2)),                                  // S3 reaches 1: play only before open
                List.of(new Step(o, 1), new Step(p, 1), new Step(b, 5)),                  // S4 reaches 3: equal times are in order
                List.of(new Step(p, 1), new Step(b, 2)),                                  // S5 reaches 0: never opened
                List.of(new Step(o, 1), new Step(p, 60 * 24)),                            // S6 reaches 1: play is at `to`, outside
                List.of(new Step(p, 0), new Step(o, 1), new Step(o, 3), new Step(p, 4)),  // S7 reaches 2: the later play counts
                List.of(new Step(b, 1), new Step(o, 2), new Step(b, 3), new Step(p, 4))); // S8 reaches 2: its bet is before play
        for (int i = 0; i < sessions.size(); i++) {
            Fixtures.Player player = AnalyticsFixtures.session(jdbc, "funnel-" + i + "-" + s, "control", from, null);
            for (Step step : sessions.get(i)) {
                Instant at = step.minute() == 60 * 24 ? to : t.plus(Duration.ofMinutes(step.minute()));
                AnalyticsFixtures.analyticsEvent(jdbc, player, step.type(), at);
            }
        }
        // An event before `from` does not open the funnel.
        Fixtures.Player early = AnalyticsFixtures.session(jdbc, "funnel-early-" + s, "control", from.minusSeconds(60), null);
        AnalyticsFixtures.analyticsEvent(jdbc, early, o, from.minusSeconds(1));
        AnalyticsFixtures.analyticsEvent(jdbc, early, p, from.plusSeconds(1));

        Api.Response r = get("/admin/v1/reports/funnel?from=" + from + "&to=" + to + "&steps=" + open + "," + play + "," + bet);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode steps = r.json().get("steps");
        List<String> reached = new ArrayList<>();
        steps.forEach(step -> reached.add(step.get("step").asInt() + ":" + step.get("eventName").asString() + "="
                + step.get("sessions").asLong()));
        assertThat(reached).containsExactly("1:" + open + "=7", "2:" + play + "=5", "3:" + bet + "=2");
        assertThat(steps.get(0).has("conversionFromPrevious")).isFalse();
        assertThat(steps.get(1).get("conversionFromPrevious").asDouble()).isCloseTo(5.0 / 7, within(1e-9));
        assertThat(steps.get(2).get("conversionFromPrevious").asDouble()).isCloseTo(2.0 / 5, within(1e-9));
        assertThat(steps.get(2).get("conversionFromFirst").asDouble()).isCloseTo(2.0 / 7, within(1e-9));

        // Reversed order, play then open: every session with a play in range starts (S1-S5, S7, S8 and the early one);
        // S3 (play 1, open 2), S7 (play 0, open 1) and S4 (both at minute 1: equal times count) reach step 2.
        Api.Response reversed = get("/admin/v1/reports/funnel?from=" + from + "&to=" + to + "&steps=" + play + "," + open);
        List<Long> counts = new ArrayList<>();
        reversed.json().get("steps").forEach(step -> counts.add(step.get("sessions").asLong()));
        assertThat(counts).containsExactly(8L, 3L);
    }

    @Test
    void funnelStepsAreValidated() {
        String s = AnalyticsFixtures.suffix();
        AnalyticsFixtures.eventType(jdbc, "val_a_" + s);
        AnalyticsFixtures.eventType(jdbc, "val_b_" + s);
        String range = "from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z";
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add("step_" + i);
        }
        for (String steps : List.of("", "val_a_" + s, String.join(",", eleven), "val_a_" + s + ",val_a_" + s,
                "val_a_" + s + ",Not-A-Name")) {
            Api.Response r = get("/admin/v1/reports/funnel?" + range + "&steps=" + steps);
            assertThat(r.status()).as(steps + " → " + r).isEqualTo(400);
            assertThat(r.code()).isEqualTo("INVALID_PARAMETER");
        }
        Api.Response unknown = get("/admin/v1/reports/funnel?" + range + "&steps=val_a_" + s + ",never_registered_" + s);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("UNKNOWN_EVENT_TYPE");
        assertThat(unknown.json().get("unknownEventNames").get(0).asString()).isEqualTo("never_registered_" + s);
        Api.Response empty = get("/admin/v1/reports/funnel?" + range + "&steps=val_a_" + s + ",val_b_" + s);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("steps").get(1).get("sessions").asLong()).isZero();
        assertThat(get("/admin/v1/reports/analytics?from=2000-01-02T00:00:00Z&to=2000-01-01T00:00:00Z").code())
                .isEqualTo("INVALID_PARAMETER");
    }
}
