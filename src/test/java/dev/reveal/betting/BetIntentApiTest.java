package dev.reveal.betting;

import static dev.reveal.betting.Intents.body;
import static dev.reveal.betting.Intents.newKey;
import static dev.reveal.betting.Intents.place;
import static dev.reveal.betting.Intents.yes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.Api;
import dev.reveal.support.Fixtures;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.OddsFixtures;
import dev.reveal.support.PlayerSessions;
import dev.reveal.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BetIntentApiTest extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private String ref;
    private String token;
    private UUID session;

    @BeforeEach
    void player() {
        ref = PlayerSessions.newRef("bettor");
        token = Tokens.player(ref);
        session = PlayerSessions.start(api, ref);
    }

    private Fixtures.OpenMarket market() {
        return Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
    }

    private String code(Map<String, Object> body) {
        Api.Response r = place(api, token, newKey(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("acceptanceCode").asString();
    }

    @Test
    void acceptedIntentIsRecordedAndAnsweredWithTheAcceptedOdds() {
        Fixtures.OpenMarket m = market();
        String key = newKey();
        Map<String, Object> body = yes(session, m);
        Instant before = Instant.now();
        double acceptedBefore = meters.counter("reveal.bet_intents", "code", "ACCEPTED").count();
        long timedBefore = meters.timer("reveal.bet_intents.latency").count();
        Api.Response r = place(api, token, key, body);
        assertThat(meters.counter("reveal.bet_intents", "code", "ACCEPTED").count()).isEqualTo(acceptedBefore + 1);
        assertThat(meters.timer("reveal.bet_intents.latency").count()).isEqualTo(timedBefore + 1);

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        var json = r.json();
        assertThat(json.get("acceptanceCode").asString()).isEqualTo("ACCEPTED");
        assertThat(json.get("accepted").asBoolean()).isTrue();
        assertThat(json.get("marketId").asString()).isEqualTo(m.marketId().toString());
        assertThat(json.get("eventId").asString()).isEqualTo(m.eventId().toString());
        assertThat(json.get("outcomeId").asString()).isEqualTo(m.yesOutcomeId().toString());
        assertThat(json.get("acceptedOddsVersionId").asString()).isEqualTo(m.oddsVersionId().toString());
        assertThat(json.get("acceptedDecimalOdds").decimalValue()).isEqualByComparingTo("1.80");
        assertThat(json.get("acceptedFractionalOdds").asString()).isEqualTo("4/5");
        assertThat(json.get("acceptOdds").asString()).isEqualTo("EXACT");
        assertThat(Instant.parse(json.get("clientSentAt").asString()))
                .as("kept as sent, at the database's microsecond precision")
                .isEqualTo(Instant.parse((String) body.get("clientSentAt")).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        Instant received = Instant.parse(json.get("serverReceivedAt").asString());
        assertThat(received).isBetween(before.minusMillis(1), Instant.now());

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM bet_intents WHERE id = ?::uuid", json.get("id").asString());
        assertThat(row).containsEntry("idempotency_key", key).containsEntry("accepted", true)
                .containsEntry("acceptance_code", "ACCEPTED").containsEntry("accepted_odds_version_id", m.oddsVersionId())
                .containsEntry("seen_odds_version_id", m.oddsVersionId()).containsEntry("accept_odds", "EXACT")
                .containsEntry("session_id", session).containsEntry("event_id", m.eventId());
        assertThat(((java.sql.Timestamp) row.get("server_received_at")).toInstant()).isEqualTo(received);
    }

    @Test
    void everyAcceptanceCodeInItsDocumentedOrder() {
        // SESSION_ENDED beats a locked market with stale odds.
        Fixtures.OpenMarket locked = Fixtures.openMarket(jdbc, Instant.now().minusSeconds(10));
        jdbc.update("UPDATE markets SET status = 'LOCKED' WHERE id = ?", locked.marketId());
        OddsFixtures.publish(jdbc, locked, "1.50", "2.50");
        UUID ended = PlayerSessions.start(api, ref);
        api.as(token).post("/api/v1/sessions/" + ended + "/end", null).send();
        assertThat(code(yes(ended, locked))).isEqualTo("SESSION_ENDED");

        // MARKET_NOT_OPEN beats a passed lock time (suspended market) and covers a cancelled event.
        Fixtures.OpenMarket suspended = Fixtures.openMarket(jdbc, Instant.now().minusSeconds(10));
        jdbc.update("UPDATE markets SET status = 'SUSPENDED' WHERE id = ?", suspended.marketId());
        assertThat(code(yes(session, suspended))).isEqualTo("MARKET_NOT_OPEN");
        Fixtures.OpenMarket cancelled = market();
        jdbc.update("UPDATE events SET status = 'CANCELLED' WHERE id = ?", cancelled.eventId());
        assertThat(code(yes(session, cancelled))).isEqualTo("MARKET_NOT_OPEN");
        Fixtures.OpenMarket voided = market();
        jdbc.update("UPDATE markets SET status = 'VOID' WHERE id = ?", voided.marketId());
        assertThat(code(yes(session, voided))).isEqualTo("MARKET_NOT_OPEN");

        // MARKET_LOCKED by status (lock time still ahead) and by time (status still OPEN), before stale odds.
        assertThat(code(yes(session, locked))).isEqualTo("MARKET_LOCKED");
        Fixtures.OpenMarket lockedEarly = market();
        jdbc.update("UPDATE markets SET status = 'LOCKED' WHERE id = ?", lockedEarly.marketId());
        assertThat(code(yes(session, lockedEarly))).isEqualTo("MARKET_LOCKED");
        Fixtures.OpenMarket pastLock = Fixtures.openMarket(jdbc, Instant.now().minusMillis(1));
        OddsFixtures.publish(jdbc, pastLock, "1.50", "2.50");
        assertThat(code(yes(session, pastLock))).isEqualTo("MARKET_LOCKED");

        // ODDS_CHANGED beats ALREADY_PREDICTED; each acceptOdds policy.
        Fixtures.OpenMarket m = market();
        assertThat(code(yes(session, m))).isEqualTo("ACCEPTED");
        UUID v2 = OddsFixtures.publish(jdbc, m, "1.50", "2.50");
        assertThat(code(body(session, m, m.yesOutcomeId(), m.oddsVersionId(), "EXACT"))).isEqualTo("ODDS_CHANGED");
        assertThat(code(body(session, m, m.yesOutcomeId(), m.oddsVersionId(), "HIGHER"))).as("1.80 → 1.50").isEqualTo("ODDS_CHANGED");
        assertThat(code(body(session, m, m.noOutcomeId(), v2, "EXACT"))).isEqualTo("ALREADY_PREDICTED");

        Fixtures.OpenMarket higher = market();
        OddsFixtures.publish(jdbc, higher, "1.50", "2.50");
        Api.Response r = place(api, token, newKey(), body(session, higher, higher.noOutcomeId(), higher.oddsVersionId(), "HIGHER"));
        assertThat(r.json().get("acceptanceCode").asString()).as("2.00 → 2.50").isEqualTo("ACCEPTED");
        assertThat(r.json().get("acceptedDecimalOdds").decimalValue()).isEqualByComparingTo("2.50");

        Fixtures.OpenMarket any = market();
        UUID anyV2 = OddsFixtures.publish(jdbc, any, "1.50", "2.50");
        Api.Response a = place(api, token, newKey(), body(session, any, any.yesOutcomeId(), any.oddsVersionId(), "ANY"));
        assertThat(a.json().get("acceptanceCode").asString()).isEqualTo("ACCEPTED");
        assertThat(a.json().get("acceptedOddsVersionId").asString()).isEqualTo(anyV2.toString());
        assertThat(a.json().get("acceptedDecimalOdds").decimalValue()).isEqualByComparingTo("1.50");

        // Refused decisions are recorded too, without accepted odds.
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM bet_intents bi JOIN users u ON u.id = bi.user_id
                 WHERE u.external_ref = ? AND NOT bi.accepted AND bi.accepted_odds_version_id IS NULL
                """, Long.class, ref)).isEqualTo(10);
    }

    @Test
    void inputThatCannotBeRecordedIsAProblemAndWritesNothing() {
        Fixtures.OpenMarket m = market();
        Fixtures.OpenMarket other = market();
        long rows = count("bet_intents");

        assertProblem(place(api, token, null, yes(session, m)), 400, "MISSING_IDEMPOTENCY_KEY");
        assertProblem(place(api, token, "", yes(session, m)), 400, "MISSING_IDEMPOTENCY_KEY");
        assertProblem(place(api, token, "x".repeat(256), yes(session, m)), 400, "INVALID_IDEMPOTENCY_KEY");
        assertProblem(place(api, token, "has space", yes(session, m)), 400, "INVALID_IDEMPOTENCY_KEY");
        assertProblem(place(api, token, "tab\tinside", yes(session, m)), 400, "INVALID_IDEMPOTENCY_KEY");
        assertProblem(api.as(token).post("/api/v1/bet-intents", "{\"sessionId\": ").header("Idempotency-Key", newKey()).send(),
                400, "MALFORMED_BODY");
        Map<String, Object> badPolicy = yes(session, m);
        badPolicy.put("acceptOdds", "SOMETIMES");
        assertProblem(place(api, token, newKey(), badPolicy), 400, "MALFORMED_BODY");
        Map<String, Object> missing = yes(session, m);
        missing.remove("outcomeId");
        assertProblem(place(api, token, newKey(), missing), 400, "VALIDATION_FAILED");

        assertProblem(place(api, token, newKey(), yes(UUID.randomUUID(), m)), 422, "UNKNOWN_SESSION");
        Map<String, Object> unknownMarket = yes(session, m);
        unknownMarket.put("marketId", UUID.randomUUID().toString());
        assertProblem(place(api, token, newKey(), unknownMarket), 422, "UNKNOWN_MARKET");
        assertProblem(place(api, token, newKey(), body(session, m, UUID.randomUUID(), m.oddsVersionId(), null)), 422, "UNKNOWN_OUTCOME");
        assertProblem(place(api, token, newKey(), body(session, m, other.yesOutcomeId(), m.oddsVersionId(), null)), 422,
                "OUTCOME_NOT_IN_MARKET");
        assertProblem(place(api, token, newKey(), body(session, m, m.yesOutcomeId(), other.oddsVersionId(), null)), 422,
                "UNKNOWN_ODDS_VERSION");
        assertProblem(place(api, token, newKey(), body(session, m, m.yesOutcomeId(), UUID.randomUUID(), null)), 422,
                "UNKNOWN_ODDS_VERSION");
        UUID someoneElses = PlayerSessions.start(api, PlayerSessions.newRef("other"));
        assertProblem(place(api, token, newKey(), yes(someoneElses, m)), 404, "NOT_FOUND");

        assertThat(count("bet_intents")).isEqualTo(rows);
    }

    /**
     * A phone whose clock is days off still predicts: the decision uses the server's clock only, and the client's time
     * is recorded as sent (issue 13: it was refused with 422 and left no trace).
     */
    @Test
    void aClientClockFarOffIsRecordedAndDecidedOnTheServersClock() {
        Fixtures.OpenMarket m = market();
        Instant stale = Instant.now().minusSeconds(30L * 24 * 3600).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Map<String, Object> body = yes(session, m);
        body.put("clientSentAt", stale.toString());
        Api.Response r = place(api, token, newKey(), body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("acceptanceCode").asString()).isEqualTo("ACCEPTED");
        assertThat(Instant.parse(r.json().get("clientSentAt").asString())).isEqualTo(stale);
        assertThat(Duration.between(Instant.parse(r.json().get("serverReceivedAt").asString()), Instant.now()).abs())
                .isLessThan(Duration.ofMinutes(1));

        Fixtures.OpenMarket locked = Fixtures.openMarket(jdbc, Instant.now().minusSeconds(1));
        Map<String, Object> future = yes(session, locked);
        future.put("clientSentAt", Instant.now().minusSeconds(3600).plusSeconds(400L * 24 * 3600).toString());
        Api.Response late = place(api, token, newKey(), future);
        assertThat(late.status()).as(late.toString()).isEqualTo(201);
        assertThat(late.json().get("acceptanceCode").asString()).as("a clock in the future does not move the lock")
                .isEqualTo("MARKET_LOCKED");
    }

    @Test
    void replayReturnsTheFirstAnswerAndADifferentPayloadIsRefused() {
        Fixtures.OpenMarket m = market();
        String key = newKey();
        Map<String, Object> body = yes(session, m);
        Api.Response first = place(api, token, key, body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        long rows = count("bet_intents");

        // The odds move in between: the replay still answers what was decided then.
        OddsFixtures.publish(jdbc, m, "1.10", "5.00");
        Api.Response replay = place(api, token, key, body);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body()).isEqualTo(first.body());

        Map<String, Object> other = body(session, m, m.noOutcomeId(), m.oddsVersionId(), null);
        other.put("clientSentAt", body.get("clientSentAt"));
        assertProblem(place(api, token, key, other), 422, "IDEMPOTENCY_KEY_REUSED");
        Map<String, Object> otherPolicy = yes(session, m);
        otherPolicy.put("clientSentAt", body.get("clientSentAt"));
        otherPolicy.put("acceptOdds", "ANY");
        assertProblem(place(api, token, key, otherPolicy), 422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(count("bet_intents")).isEqualTo(rows);

        // A refused decision replays as well, and keys are scoped per player.
        Fixtures.OpenMarket closed = market();
        jdbc.update("UPDATE markets SET status = 'SUSPENDED' WHERE id = ?", closed.marketId());
        String refusedKey = newKey();
        Map<String, Object> refusedBody = yes(session, closed);
        Api.Response refused = place(api, token, refusedKey, refusedBody);
        jdbc.update("UPDATE markets SET status = 'OPEN' WHERE id = ?", closed.marketId());
        Api.Response refusedReplay = place(api, token, refusedKey, refusedBody);
        assertThat(refusedReplay.status()).isEqualTo(200);
        assertThat(refusedReplay.body()).isEqualTo(refused.body());
        assertThat(refusedReplay.json().get("acceptanceCode").asString()).isEqualTo("MARKET_NOT_OPEN");

        String otherRef = PlayerSessions.newRef("same-key");
        UUID otherSession = PlayerSessions.start(api, otherRef);
        Api.Response sameKeyOtherPlayer = place(api, Tokens.player(otherRef), key, yes(otherSession, m));
        assertThat(sameKeyOtherPlayer.status()).isEqualTo(201);
    }

    private static void assertProblem(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.code()).as(r.body()).isEqualTo(code);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }
}
