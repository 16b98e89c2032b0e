package dev.reveal.settlement.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.Api;
import dev.reveal.support.Fixtures;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.SettlementFixtures;
import dev.reveal.support.SettlementFixtures.Market;
import dev.reveal.support.Tokens;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Summaries, streaks, leaderboards and market statistics on one crafted data set whose right answers are stated
 * below. The data set is built once per class (the database is shared, so the players carry a unique tag and have
 * far more correct predictions than any other test's players, which keeps the expected ranks exact).
 *
 * <p>24 markets M1..M24, each in its own event, locked an hour ago, settled YES through the API in that order
 * (so t1 < t2 < ... < t24). A W picks YES (wins), an L picks NO (loses), a '-' does not predict:
 * <pre>
 *            M1.......M10.......M20....M24   correct/settled  accuracy  reach  best  current
 *   erin     WWWWWWWWWWWWWWWWWWWWWWLL        22/24            0.9167    t22    22    0
 *   ann      WWWWWWWWWWWWWWWWWWWW----        20/20            1.0000    t20    20    20
 *   dave     ----WWWWWWWWWWWWWWWWWWWW        20/20            1.0000    t24    (+M0, see below)
 *   carol    LWWWWWWWWWWWWWWWWWWWW---        20/21            0.9524    t21    20    20
 *   ben      WWWWWLWWWLWWWLWWWWWWWLWW        20/24            0.8333    t24    7     2   (runs 5,3,3,7,2)
 *   tessa    WWWWWWWWWWWWWWWWWWLL----        18/20            0.9000    t18    18    0
 *   tom      WWWWWWWWWWWWWWWWWWLL----        18/20            0.9000    t18    18    0   (tessa's twin)
 *   frank    WLWWWWWWWWWWWWWWWW------        17/18            0.9444    t18    16    16
 * </pre>
 * Besides: M0 was settled eight days ago (outside this day and week) and dave won it, so all-time dave has 21/21
 * with best and current streak 21; M25 is void (frank and ann predicted on it: VOID, not counted); M26 is locked
 * but unsettled (frank: PENDING).
 *
 * <p>Day and week ranking: 1 erin (most correct), 2 ann and 3 dave (20, accuracy 1, ann reached it first at t20),
 * 4 carol (20 at a lower accuracy, although she reached it before dave), 5 ben, 6/7 tessa and tom (identical: the
 * lower user id first), 8 frank. All-time: dave's M0 win lifts him to 21 and rank 2, ann to rank 3.
 */
class StandingsTest extends IntegrationTest {

    private static final Map<String, String> PATTERNS = new LinkedHashMap<>();

    static {
        PATTERNS.put("erin", "WWWWWWWWWWWWWWWWWWWWWWLL");
        PATTERNS.put("ann", "WWWWWWWWWWWWWWWWWWWW----");
        PATTERNS.put("dave", "----WWWWWWWWWWWWWWWWWWWW");
        PATTERNS.put("carol", "LWWWWWWWWWWWWWWWWWWWW---");
        PATTERNS.put("ben", "WWWWWLWWWLWWWLWWWWWWWLWW");
        PATTERNS.put("tessa", "WWWWWWWWWWWWWWWWWWLL----");
        PATTERNS.put("tom", "WWWWWWWWWWWWWWWWWWLL----");
        PATTERNS.put("frank", "WLWWWWWWWWWWWWWWWW------");
    }

    /** Seconds before lock at which each player's predictions arrive (for the median in market statistics). */
    private static final Map<String, Integer> LEAD_SECONDS = Map.of("erin", 10, "ann", 20, "dave", 25, "carol", 30,
            "ben", 40, "tessa", 50, "tom", 60, "frank", 70);

    private record DataSet(Map<String, Fixtures.Player> players, List<Market> markets, Market voided, Market pending) {
        String ref(String name) {
            return players.get(name).externalRef();
        }
    }

    private static DataSet data;

    @BeforeEach
    void buildTheDataSetOnce() {
        if (data == null) {
            data = build();
        }
    }

    private DataSet build() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Instant lockAt = Instant.now().minus(Duration.ofHours(1));
        Map<String, Fixtures.Player> players = new LinkedHashMap<>();
        PATTERNS.keySet().forEach(name -> players.put(name, Fixtures.player(jdbc, name + "-" + tag, "control")));

        List<Market> markets = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Market market = SettlementFixtures.eventWithMarket(jdbc, "LOCKED", "LOCKED", lockAt);
            markets.add(market);
            for (var p : PATTERNS.entrySet()) {
                char pick = p.getValue().charAt(i);
                if (pick != '-') {
                    SettlementFixtures.accepted(jdbc, market, players.get(p.getKey()),
                            pick == 'W' ? market.yesOutcomeId() : market.noOutcomeId(),
                            lockAt.minusSeconds(LEAD_SECONDS.get(p.getKey())));
                }
            }
        }
        // refused predictions on M1, which count in "all intents" and by acceptance code but never in results
        Market m1 = markets.get(0);
        SettlementFixtures.intent(jdbc, m1, players.get("ann"), m1.yesOutcomeId(), "ALREADY_PREDICTED", lockAt.minusSeconds(5));
        SettlementFixtures.intent(jdbc, m1, players.get("dave"), m1.noOutcomeId(), "MARKET_LOCKED", lockAt.plusSeconds(5));

        // M0: settled eight days ago, before this day and week
        Instant longAgo = Instant.now().minus(Duration.ofDays(8));
        Market m0 = SettlementFixtures.eventWithMarket(jdbc, "SETTLED", "SETTLED", longAgo.minusSeconds(3600));
        SettlementFixtures.accepted(jdbc, m0, players.get("dave"), m0.yesOutcomeId(), longAgo.minusSeconds(3700));
        jdbc.update("INSERT INTO settlements (id, market_id, settled_at, winning_outcome_id) VALUES (?, ?, ?, ?)",
                UUID.randomUUID(), m0.marketId(), Timestamp.from(longAgo), m0.yesOutcomeId());

        Market voided = SettlementFixtures.eventWithMarket(jdbc, "LOCKED", "LOCKED", lockAt);
        SettlementFixtures.accepted(jdbc, voided, players.get("frank"), voided.yesOutcomeId(), lockAt.minusSeconds(70));
        SettlementFixtures.accepted(jdbc, voided, players.get("ann"), voided.noOutcomeId(), lockAt.minusSeconds(20));
        Market pending = SettlementFixtures.eventWithMarket(jdbc, "LOCKED", "LOCKED", lockAt);
        SettlementFixtures.accepted(jdbc, pending, players.get("frank"), pending.noOutcomeId(), lockAt.minusSeconds(70));

        String operator = Tokens.operator("op-standings");
        for (Market market : markets) {
            Api.Response settled = api.as(operator).post("/admin/v1/markets/" + market.marketId() + "/settlement",
                    Map.of("winningOutcomeCode", "YES")).send();
            assertThat(settled.status()).as(settled.toString()).isEqualTo(201);
        }
        assertThat(api.as(operator).post("/admin/v1/markets/" + voided.marketId() + "/void",
                Map.of("reason", "abandoned")).send().status()).isEqualTo(200);
        return new DataSet(players, markets, voided, pending);
    }

    @Test
    void summariesCountPredictionsAccuracyAndStreaksInSettlementOrder() {
        // name: predictions, pending, voided, settled, correct, accuracy, current streak, best streak
        assertSummary("erin", 24, 0, 0, 24, 22, "0.9167", 0, 22);
        assertSummary("ann", 21, 0, 1, 20, 20, "1.0000", 20, 20);
        assertSummary("dave", 21, 0, 0, 21, 21, "1.0000", 21, 21);
        assertSummary("carol", 21, 0, 0, 21, 20, "0.9524", 20, 20);
        assertSummary("ben", 24, 0, 0, 24, 20, "0.8333", 2, 7);
        assertSummary("tessa", 20, 0, 0, 20, 18, "0.9000", 0, 18);
        assertSummary("frank", 20, 1, 1, 18, 17, "0.9444", 16, 16);
    }

    @Test
    void anUnknownPlayerHasAnEmptySummary() {
        JsonNode summary = api.as(Tokens.player("never-seen-" + UUID.randomUUID())).get("/api/v1/me/summary").send().json();
        assertThat(summary.get("predictions").asLong()).isZero();
        assertThat(summary.get("settled").asLong()).isZero();
        assertThat(summary.get("currentStreak").asLong()).isZero();
        assertThat(summary.get("bestStreak").asLong()).isZero();
        assertThat(summary.has("accuracy")).isTrue();
        assertThat(summary.get("accuracy").isNull()).isTrue();
    }

    @Test
    void theDayLeaderboardBreaksTiesByAccuracyThenEarliestReachAndShowsTheCallerOutsideTheTop() {
        JsonNode board = leaderboard("frank", "period=day&limit=3");

        assertThat(board.get("period").asString()).isEqualTo("day");
        assertThat(board.get("limit").asInt()).isEqualTo(3);
        assertThat(names(board)).containsExactly("er***", "an***", "da***");
        assertEntry(board.get("entries").get(0), 1, "er***", 22, 24, "0.9167");
        assertEntry(board.get("entries").get(1), 2, "an***", 20, 20, "1.0000");
        assertEntry(board.get("entries").get(2), 3, "da***", 20, 20, "1.0000");
        assertThat(Instant.parse(board.get("entries").get(1).get("reachedAt").asString()))
                .isBefore(Instant.parse(board.get("entries").get(2).get("reachedAt").asString()));
        JsonNode me = board.get("me");
        assertEntry(me, 8, "fr***", 17, 18, "0.9444");
        assertThat(me.get("you").asBoolean()).isTrue();
        assertThat(board.get("entries").get(0).get("you").asBoolean()).isFalse();
    }

    @Test
    void theWeekLeaderboardRanksEveryCraftedPlayerAndOrdersExactTiesByUserId() {
        JsonNode board = leaderboard("tessa", "period=week&limit=8");

        assertThat(names(board).subList(0, 5)).containsExactly("er***", "an***", "da***", "ca***", "be***");
        assertEntry(board.get("entries").get(3), 4, "ca***", 20, 21, "0.9524");
        assertEntry(board.get("entries").get(4), 5, "be***", 20, 24, "0.8333");
        boolean tessaFirst = data.players().get("tessa").userId().toString()
                .compareTo(data.players().get("tom").userId().toString()) < 0;
        assertThat(names(board).subList(5, 8)).containsExactly(tessaFirst ? "te***" : "to***",
                tessaFirst ? "to***" : "te***", "fr***");
        assertThat(board.get("me").get("rank").asLong()).isEqualTo(tessaFirst ? 6 : 7);
        assertThat(board.get("entries").get(tessaFirst ? 5 : 6).get("you").asBoolean()).isTrue();
    }

    @Test
    void allTimeCountsOlderSettlements() {
        JsonNode board = leaderboard("dave", "period=all&limit=3");

        assertThat(names(board)).containsExactly("er***", "da***", "an***");
        assertEntry(board.get("entries").get(1), 2, "da***", 21, 21, "1.0000");
        assertEntry(board.get("me"), 2, "da***", 21, 21, "1.0000");
        assertThat(leaderboard("dave", "").get("period").asString()).isEqualTo("all");
        assertThat(leaderboard("dave", "").get("limit").asInt()).isEqualTo(10);
    }

    @Test
    void aCallerWithNothingSettledHasNoRank() {
        Fixtures.Player newcomer = Fixtures.player(jdbc, "newcomer-" + UUID.randomUUID(), "control");
        SettlementFixtures.accepted(jdbc, data.pending(), newcomer, data.pending().yesOutcomeId(),
                data.pending().lockAt().minusSeconds(1));
        JsonNode board = leaderboard(newcomer.externalRef(), "period=day&limit=2");
        assertThat(board.has("me")).isTrue();
        assertThat(board.get("me").isNull()).isTrue();
        assertThat(board.get("entries")).hasSize(2);
    }

    @Test
    void refusesUnknownPeriodsAndLimitsOutOfRange() {
        String token = Tokens.player(data.ref("ann"));
        for (String query : List.of("period=month", "period=", "limit=0", "limit=101", "limit=ten")) {
            Api.Response response = api.as(token).get("/api/v1/leaderboards?" + query).send();
            assertThat(response.status()).as(query + " -> " + response).isEqualTo(400);
            assertThat(response.code()).isEqualTo("INVALID_PARAMETER");
        }
        assertThat(api.get("/api/v1/leaderboards").send().status()).isEqualTo(401);
    }

    @Test
    void marketStatisticsOnTheSameDataSet() {
        Market m1 = data.markets().get(0);
        JsonNode stats = api.as(Tokens.operator("op-stats")).get("/admin/v1/markets/" + m1.marketId() + "/stats").send().json();

        // M1: YES picked by erin, ann, ben, tessa, tom, frank; NO by carol; dave none. Refused: ann again (YES,
        // ALREADY_PREDICTED) and dave after the lock (NO, MARKET_LOCKED).
        assertThat(stats.get("status").asString()).isEqualTo("SETTLED");
        assertThat(stats.get("winningOutcomeId").asString()).isEqualTo(m1.yesOutcomeId().toString());
        assertThat(stats.get("intents").asLong()).isEqualTo(9);
        assertThat(stats.get("acceptedIntents").asLong()).isEqualTo(7);
        assertThat(stats.get("players").asLong()).isEqualTo(7);
        JsonNode yes = stats.get("outcomes").get(0);
        JsonNode no = stats.get("outcomes").get(1);
        assertThat(yes.get("outcomeCode").asString()).isEqualTo("YES");
        assertThat(yes.get("intents").asLong()).isEqualTo(7);
        assertThat(yes.get("acceptedIntents").asLong()).isEqualTo(6);
        assertThat(yes.get("players").asLong()).isEqualTo(6);
        assertThat(yes.get("playerShare").decimalValue()).isEqualByComparingTo("0.8571");
        assertThat(no.get("intents").asLong()).isEqualTo(2);
        assertThat(no.get("acceptedIntents").asLong()).isEqualTo(1);
        assertThat(no.get("playerShare").decimalValue()).isEqualByComparingTo("0.1429");
        assertThat(stats.get("acceptanceCodes").get("ACCEPTED").asLong()).isEqualTo(7);
        assertThat(stats.get("acceptanceCodes").get("ALREADY_PREDICTED").asLong()).isEqualTo(1);
        assertThat(stats.get("acceptanceCodes").get("MARKET_LOCKED").asLong()).isEqualTo(1);
        assertThat(stats.get("acceptanceCodes").has("ODDS_CHANGED")).isFalse();
        // accepted leads 10, 20, 30, 40, 50, 60, 70 s: the median is 40 s
        assertThat(stats.get("medianMsBeforeLock").asLong()).isEqualTo(40_000);

        // M5: all eight predicted YES, leads 10, 20, 25, 30, 40, 50, 60, 70 s: the median interpolates to 35 s
        JsonNode m5 = api.as(Tokens.operator("op-stats")).get("/admin/v1/markets/" + data.markets().get(4).marketId()
                + "/stats").send().json();
        assertThat(m5.get("medianMsBeforeLock").asLong()).isEqualTo(35_000);
        assertThat(m5.get("outcomes").get(0).get("playerShare").decimalValue()).isEqualByComparingTo("1");
        assertThat(m5.get("outcomes").get(1).get("playerShare").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void statisticsOfAMarketWithoutPredictionsAndOfNoMarket() {
        Market empty = SettlementFixtures.eventWithMarket(jdbc, "OPEN", "OPEN", Instant.now().plusSeconds(600));
        JsonNode stats = api.as(Tokens.operator("op-stats")).get("/admin/v1/markets/" + empty.marketId() + "/stats").send().json();
        assertThat(stats.get("intents").asLong()).isZero();
        assertThat(stats.has("medianMsBeforeLock")).isFalse();
        assertThat(stats.get("outcomes").get(0).has("playerShare")).isFalse();
        assertThat(api.as(Tokens.operator("op-stats")).get("/admin/v1/markets/" + UUID.randomUUID() + "/stats").send()
                .status()).isEqualTo(404);
        assertThat(api.as(Tokens.player("p")).get("/admin/v1/markets/" + empty.marketId() + "/stats").send()
                .status()).isEqualTo(403);
    }

    private void assertSummary(String name, long predictions, long pending, long voided, long settled, long correct,
            String accuracy, long current, long best) {
        JsonNode s = api.as(Tokens.player(data.ref(name))).get("/api/v1/me/summary").send().json();
        assertThat(List.of(s.get("predictions").asLong(), s.get("pending").asLong(), s.get("voided").asLong(),
                s.get("settled").asLong(), s.get("correct").asLong(), s.get("currentStreak").asLong(),
                s.get("bestStreak").asLong()))
                .as(name + " " + s).containsExactly(predictions, pending, voided, settled, correct, current, best);
        assertThat(s.get("accuracy").decimalValue()).as(name).isEqualByComparingTo(accuracy);
    }

    private JsonNode leaderboard(String nameOrRef, String query) {
        String ref = data.players().containsKey(nameOrRef) ? data.ref(nameOrRef) : nameOrRef;
        Api.Response response = api.as(Tokens.player(ref)).get("/api/v1/leaderboards?" + query).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> names(JsonNode board) {
        List<String> names = new ArrayList<>();
        board.get("entries").forEach(e -> names.add(e.get("displayName").asString()));
        return names;
    }

    private static void assertEntry(JsonNode entry, long rank, String name, long correct, long settled, String accuracy) {
        assertThat(entry.get("rank").asLong()).as(entry.toString()).isEqualTo(rank);
        assertThat(entry.get("displayName").asString()).isEqualTo(name);
        assertThat(entry.get("correct").asLong()).isEqualTo(correct);
        assertThat(entry.get("settled").asLong()).isEqualTo(settled);
        assertThat(entry.get("accuracy").decimalValue()).isEqualByComparingTo(accuracy);
    }
}
