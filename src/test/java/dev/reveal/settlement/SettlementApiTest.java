package dev.reveal.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.EventStatusChanged;
import dev.reveal.support.Api;
import dev.reveal.support.Fixtures;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.RowCounts;
import dev.reveal.support.SettlementFixtures;
import dev.reveal.support.SettlementFixtures.Market;
import dev.reveal.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

class SettlementApiTest extends IntegrationTest {

    private static final String OPERATOR = Tokens.operator("op-settle");

    @Autowired
    TransactionTemplate tx;

    @Autowired
    ApplicationEventPublisher publisher;

    private final Instant past = Instant.now().minusSeconds(60);

    @Test
    void settlingBeforeTheLockIsRefusedAndResultsStayHidden() {
        Market market = SettlementFixtures.eventWithMarket(jdbc, "OPEN", "OPEN", Instant.now().plusSeconds(3600));
        Fixtures.Player player = player();
        UUID intent = SettlementFixtures.accepted(jdbc, market, player, market.yesOutcomeId(), Instant.now());
        Map<String, Long> before = RowCounts.snapshot(jdbc);

        Api.Response response = settle(market, Map.of("winningOutcomeCode", "YES"));

        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("MARKET_NOT_LOCKED");
        assertThat(response.json().get("currentStatus").asString()).isEqualTo("OPEN");
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
        // never before settlement: no result, no winner, in the view and in the player's summary
        assertThat(jdbc.queryForMap("SELECT result, winning_outcome_id, settled_at FROM bet_intent_results WHERE bet_intent_id = ?",
                intent)).containsEntry("result", "PENDING").containsEntry("winning_outcome_id", null).containsEntry("settled_at", null);
        var summary = api.as(Tokens.player(player.externalRef())).get("/api/v1/me/summary").send().json();
        assertThat(summary.get("pending").asLong()).isEqualTo(1);
        assertThat(summary.get("settled").asLong()).isZero();
        assertThat(summary.get("accuracy").isNull()).isTrue();
        assertThat(api.as(OPERATOR).get("/admin/v1/markets/" + market.marketId() + "/settlement").send().code())
                .isEqualTo("NOT_SETTLED");
    }

    @Test
    void settlesOnceTheLockTimeHasPassedAndSettlesTheEventWithIt() {
        Market market = SettlementFixtures.eventWithMarket(jdbc, "OPEN", "OPEN", past);
        UUID yes = SettlementFixtures.accepted(jdbc, market, player(), market.yesOutcomeId(), past.minusSeconds(5));
        UUID no = SettlementFixtures.accepted(jdbc, market, player(), market.noOutcomeId(), past.minusSeconds(5));

        Api.Response response = settle(market, Map.of("winningOutcomeCode", "YES", "reason", "goal at 88'"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.header("Location")).endsWith("/admin/v1/markets/" + market.marketId() + "/settlement");
        assertThat(response.json().get("change").asString()).isEqualTo("SETTLED");
        assertThat(response.json().get("winningOutcomeId").asString()).isEqualTo(market.yesOutcomeId().toString());
        assertThat(response.json().get("eventStatus").asString()).isEqualTo("SETTLED");
        assertThat(status("markets", market.marketId())).isEqualTo("SETTLED");
        assertThat(status("events", market.eventId())).isEqualTo("SETTLED");
        assertThat(jdbc.queryForObject("SELECT winning_outcome_id FROM settlements WHERE market_id = ?", UUID.class,
                market.marketId())).isEqualTo(market.yesOutcomeId());

        Map<String, Object> audit = onlyAudit("MARKET_SETTLED", market.marketId());
        assertThat(audit).containsEntry("actor_type", "OPERATOR").containsEntry("actor_id", "op-settle")
                .containsEntry("note", "goal at 88'");
        assertThat(attributes(audit)).containsEntry("winningOutcomeId", market.yesOutcomeId().toString())
                .containsEntry("winningOutcomeCode", "YES").containsEntry("oldStatus", "OPEN").containsEntry("newStatus", "SETTLED");
        Map<String, Object> eventAudit = onlyAudit("EVENT_SETTLED", market.eventId());
        assertThat(eventAudit).containsEntry("actor_type", "SYSTEM").containsEntry("trace_id", audit.get("trace_id"));
        assertThat(attributes(eventAudit)).containsEntry("oldStatus", "OPEN").containsEntry("newStatus", "SETTLED");

        assertThat(result(yes)).isEqualTo("WON");
        assertThat(result(no)).isEqualTo("LOST");
        assertThat(api.as(OPERATOR).get("/admin/v1/markets/" + market.marketId() + "/settlement").send().json()
                .get("winningOutcomeCode").asString()).isEqualTo("YES");
        // the event settling is no lock: no reaction for the event-lock listener recorded (nor run) with the settle
        assertThat(publications(market.eventId())).isZero();
    }

    @Test
    void theSameResultAgainIsANoOpAndADifferentOneAConflict() {
        Market market = SettlementFixtures.eventWithMarket(jdbc, "LOCKED", "LOCKED", past);
        assertThat(settle(market, Map.of("winningOutcomeCode", "YES")).status()).isEqualTo(201);
        Map<String, Long> before = RowCounts.snapshot(jdbc);

        Api.Response again = settle(market, Map.of("winningOutcomeId", market.yesOutcomeId().toString()));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("change").asString()).isEqualTo("UNCHANGED");
        assertThat(again.json().get("winningOutcomeCode").asString()).isEqualTo("YES");

        Api.Response different = settle(market, Map.of("winningOutcomeCode", "NO"));
        assertThat(different.status()).as(different.toString()).isEqualTo(409);
        assertThat(different.code()).isEqualTo("SETTLEMENT_CONFLICT");
        assertThat(different.json().get("winningOutcomeCode").asString()).isEqualTo("YES");

        Api.Response noReason = settle(market, Map.of("winningOutcomeCode", "NO", "correction", true, "reason", " "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("errors").get(0).get("field").asString()).isEqualTo("reason");

        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
        assertThat(status("markets", market.marketId())).isEqualTo("SETTLED");
        assertThat(jdbc.queryForObject("SELECT winning_outcome_id FROM settlements WHERE market_id = ?", UUID.class,
                market.marketId())).isEqualTo(market.yesOutcomeId());
    }

    @Test
    void aCorrectionReplacesTheWinnerAuditsBothAndTheResultsFollow() {
        Market market = SettlementFixtures.eventWithMarket(jdbc, "LOCKED", "LOCKED", past);
        Fixtures.Player yesPlayer = player();
        Fixtures.Player noPlayer = player();
        UUID yes = SettlementFixtures.accepted(jdbc, market, yesPlayer, market.yesOutcomeId(), past.minusSeconds(9));
        UUID no = SettlementFixtures.accepted(jdbc, market, noPlayer, market.noOutcomeId(), past.minusSeconds(9));
        assertThat(settle(market, Map.of("winningOutcomeCode", "YES")).status()).isEqualTo(201);
        Instant settledAt = jdbc.queryForObject("SELECT settled_at FROM settlements WHERE market_id = ?",
                java.sql.Timestamp.class, market.marketId()).toInstant();
        assertThat(summary(yesPlayer).get("correct").asLong()).isEqualTo(1);

        Api.Response corrected = settle(market, Map.of("winningOutcomeCode", "NO", "correction", true,
                "reason", "VAR overturned the goal"));

        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        assertThat(corrected.json().get("change").asString()).isEqualTo("CORRECTED");
        assertThat(jdbc.queryForMap("SELECT winning_outcome_id, settled_at FROM settlements WHERE market_id = ?", market.marketId()))
                .containsEntry("winning_outcome_id", market.noOutcomeId())
                .containsEntry("settled_at", java.sql.Timestamp.from(settledAt));
        Map<String, Object> audit = onlyAudit("SETTLEMENT_CORRECTED", market.marketId());
        assertThat(audit).containsEntry("note", "VAR overturned the goal").containsEntry("actor_type", "OPERATOR");
        assertThat(attributes(audit))
                .containsEntry("oldWinningOutcomeId", market.yesOutcomeId().toString())
                .containsEntry("oldWinningOutcomeCode", "YES")
                .containsEntry("newWinningOutcomeId", market.noOutcomeId().toString())
                .containsEntry("newWinningOutcomeCode", "NO");
        assertThat(result(yes)).isEqualTo("LOST");
        assertThat(result(no)).isEqualTo("WON");
        assertThat(summary(yesPlayer).get("correct").asLong()).isZero();
        assertThat(summary(noPlayer).get("correct").asLong()).isEqualTo(1);
        assertThat(summary(noPlayer).get("accuracy").decimalValue()).isEqualByComparingTo("1");

        // PUT is the explicit correction: the flag is implied, the reason is still required
        assertThat(api.as(OPERATOR).put(settlementPath(market), Map.of("winningOutcomeCode", "YES")).send().status())
                .isEqualTo(400);
        Api.Response back = api.as(OPERATOR).put(settlementPath(market),
                Map.of("winningOutcomeCode", "YES", "reason", "VAR decision reversed")).send();
        assertThat(back.json().get("change").asString()).isEqualTo("CORRECTED");
        assertThat(result(yes)).isEqualTo("WON");
        assertThat(count("SELECT count(*) FROM audit_logs WHERE target_id = ? AND action_name = 'SETTLEMENT_CORRECTED'",
                market.marketId())).isEqualTo(2);
    }

    @Test
    void theEventSettlesOnceEveryMarketIsSettledOrVoid() {
        UUID event = SettlementFixtures.event(jdbc, "LOCKED", past);
        Market settled = SettlementFixtures.market(jdbc, event, "LOCKED", past);
        Market voided = SettlementFixtures.market(jdbc, event, "LOCKED", past);
        Fixtures.Player player = player();
        UUID won = SettlementFixtures.accepted(jdbc, settled, player, settled.yesOutcomeId(), past.minusSeconds(3));
        UUID onVoid = SettlementFixtures.accepted(jdbc, voided, player, voided.noOutcomeId(), past.minusSeconds(3));

        Api.Response first = settle(settled, Map.of("winningOutcomeCode", "YES"));
        assertThat(first.json().get("eventStatus").asString()).isEqualTo("LOCKED");
        assertThat(status("events", event)).isEqualTo("LOCKED");

        Api.Response voiding = voidMarket(voided, Map.of("reason", "feed lost before the reveal"));
        assertThat(voiding.status()).as(voiding.toString()).isEqualTo(200);
        assertThat(voiding.json().get("change").asString()).isEqualTo("VOIDED");
        assertThat(voiding.json().get("eventStatus").asString()).isEqualTo("SETTLED");
        assertThat(status("markets", voided.marketId())).isEqualTo("VOID");
        assertThat(status("events", event)).isEqualTo("SETTLED");
        Map<String, Object> audit = onlyAudit("MARKET_VOIDED", voided.marketId());
        assertThat(audit).containsEntry("note", "feed lost before the reveal");
        assertThat(attributes(audit)).containsEntry("oldStatus", "LOCKED").containsEntry("newStatus", "VOID");
        assertThat(onlyAudit("EVENT_SETTLED", event)).containsEntry("actor_type", "SYSTEM");
        assertThat(result(won)).isEqualTo("WON");
        assertThat(result(onVoid)).isEqualTo("VOID");
        var summary = summary(player);
        assertThat(summary.get("settled").asLong()).as("VOID is left out of accuracy").isEqualTo(1);
        assertThat(summary.get("voided").asLong()).isEqualTo(1);
        assertThat(summary.get("accuracy").decimalValue()).isEqualByComparingTo("1");

        Map<String, Long> before = RowCounts.snapshot(jdbc);
        Api.Response again = voidMarket(voided, Map.of("reason", "again"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("change").asString()).isEqualTo("UNCHANGED");
        Api.Response voidSettled = voidMarket(settled, Map.of("reason", "too late"));
        assertThat(voidSettled.status()).isEqualTo(409);
        assertThat(voidSettled.json().get("currentStatus").asString()).isEqualTo("SETTLED");
        Api.Response settleVoid = settle(voided, Map.of("winningOutcomeCode", "YES"));
        assertThat(settleVoid.status()).isEqualTo(409);
        assertThat(settleVoid.json().get("currentStatus").asString()).isEqualTo("VOID");
        assertThat(voidMarket(settled, Map.of()).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void aCancelledEventStaysCancelled() {
        UUID event = SettlementFixtures.event(jdbc, "CANCELLED", past);
        Market voidedByCancel = SettlementFixtures.market(jdbc, event, "VOID", past);
        Market stillLocked = SettlementFixtures.market(jdbc, event, "LOCKED", past);

        assertThat(voidMarket(voidedByCancel, Map.of("reason", "cancelled")).json().get("change").asString())
                .isEqualTo("UNCHANGED");
        Api.Response settled = settle(stillLocked, Map.of("winningOutcomeCode", "NO"));
        assertThat(settled.status()).isEqualTo(201);
        assertThat(settled.json().get("eventStatus").asString()).isEqualTo("CANCELLED");
        assertThat(status("events", event)).isEqualTo("CANCELLED");
        assertThat(count("SELECT count(*) FROM audit_logs WHERE target_id = ?", event)).isZero();
    }

    @Test
    void refusesWhatCannotBeSettled() {
        Market draft = SettlementFixtures.eventWithMarket(jdbc, "DRAFT", "DRAFT", past);
        Market locked = SettlementFixtures.eventWithMarket(jdbc, "LOCKED", "LOCKED", past);
        Map<String, Long> before = RowCounts.snapshot(jdbc);

        Api.Response onDraft = settle(draft, Map.of("winningOutcomeCode", "YES"));
        assertThat(onDraft.status()).isEqualTo(409);
        assertThat(onDraft.json().get("currentStatus").asString()).isEqualTo("DRAFT");
        assertThat(api.as(OPERATOR).post("/admin/v1/markets/" + UUID.randomUUID() + "/settlement",
                Map.of("winningOutcomeCode", "YES")).send().status()).isEqualTo(404);
        assertThat(api.as(OPERATOR).post("/admin/v1/markets/" + UUID.randomUUID() + "/void",
                Map.of("reason", "x")).send().status()).isEqualTo(404);
        Api.Response foreignOutcome = settle(locked, Map.of("winningOutcomeId", draft.yesOutcomeId().toString()));
        assertThat(foreignOutcome.status()).isEqualTo(422);
        assertThat(foreignOutcome.code()).isEqualTo("OUTCOME_NOT_IN_MARKET");
        assertThat(settle(locked, Map.of("winningOutcomeCode", "MAYBE")).code()).isEqualTo("OUTCOME_NOT_IN_MARKET");
        assertThat(settle(locked, Map.of("winningOutcomeId", locked.yesOutcomeId().toString(), "winningOutcomeCode", "NO"))
                .code()).isEqualTo("OUTCOME_MISMATCH");
        Api.Response noWinner = settle(locked, Map.of("reason", "forgot the winner"));
        assertThat(noWinner.status()).isEqualTo(400);
        assertThat(noWinner.json().get("errors").get(0).get("field").asString()).isEqualTo("winningOutcomeId");
        assertThat(settle(locked, Map.of("winningOutcomeCode", "not a code")).status()).isEqualTo(400);
        assertThat(api.as(Tokens.player("someone")).post(settlementPath(locked), Map.of("winningOutcomeCode", "YES"))
                .send().status()).isEqualTo(403);
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void concurrentSettlementsOfOneMarketWriteOneResultAndNeverFail() throws Exception {
        Market market = SettlementFixtures.eventWithMarket(jdbc, "LOCKED", "LOCKED", past);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String code = i % 2 == 0 ? "YES" : "NO";
            calls.add(pool.submit(() -> {
                start.await();
                return settle(market, Map.of("winningOutcomeCode", code));
            }));
        }
        start.countDown();
        Map<Integer, Integer> byStatus = new HashMap<>();
        List<String> winners = new ArrayList<>();
        for (Future<Api.Response> call : calls) {
            Api.Response r = call.get();
            byStatus.merge(r.status(), 1, Integer::sum);
            if (r.status() == 201) {
                winners.add(r.json().get("winningOutcomeCode").asString());
            }
        }
        pool.shutdown();

        assertThat(byStatus.keySet()).as(byStatus.toString()).isSubsetOf(200, 201, 409);
        assertThat(byStatus.get(201)).isEqualTo(1);
        // the first settlement's result is repeated by three callers (200) and contradicted by four (409)
        assertThat(byStatus.getOrDefault(200, 0)).isEqualTo(3);
        assertThat(byStatus.getOrDefault(409, 0)).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM settlements WHERE market_id = ?", market.marketId())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_logs WHERE target_id = ? AND action_name = 'MARKET_SETTLED'",
                market.marketId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT o.outcome_code FROM settlements s JOIN outcomes o ON o.id = s.winning_outcome_id WHERE s.market_id = ?",
                String.class, market.marketId())).isEqualTo(winners.get(0));
    }

    @Test
    void anEventWhoseMarketsClosedBeforeItLockedSettlesWhenItLocks() {
        UUID event = SettlementFixtures.event(jdbc, "OPEN", Instant.now().plusSeconds(3600));
        Market market = SettlementFixtures.market(jdbc, event, "LOCKED", past);
        assertThat(settle(market, Map.of("winningOutcomeCode", "YES")).json().get("eventStatus").asString()).isEqualTo("OPEN");

        // what the lock job does when the event's lock time comes
        tx.executeWithoutResult(s -> {
            jdbc.update("UPDATE events SET status = 'LOCKED' WHERE id = ?", event);
            publisher.publishEvent(new EventStatusChanged(event, EventStatus.OPEN, EventStatus.LOCKED));
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> status("events", event).equals("SETTLED"));
        assertThat(attributes(onlyAudit("EVENT_SETTLED", event))).containsEntry("oldStatus", "LOCKED");
        // the lock is a reaction recorded in the registry (retried if it fails), the settle of the event none
        assertThat(publications(event)).isEqualTo(1);
    }

    /** The event-lock listener's publications in the registry for facts about this event. */
    private long publications(UUID event) {
        return count("SELECT count(*) FROM event_publication WHERE listener_id LIKE '%EventLockListener%'"
                + " AND serialized_event LIKE ?", "%" + event + "%");
    }

    private Api.Response settle(Market market, Map<String, ?> body) {
        return api.as(OPERATOR).post(settlementPath(market), body).send();
    }

    private Api.Response voidMarket(Market market, Map<String, ?> body) {
        return api.as(OPERATOR).post("/admin/v1/markets/" + market.marketId() + "/void", body).send();
    }

    private static String settlementPath(Market market) {
        return "/admin/v1/markets/" + market.marketId() + "/settlement";
    }

    private Fixtures.Player player() {
        return Fixtures.player(jdbc, "settle-" + UUID.randomUUID(), "control");
    }

    private tools.jackson.databind.JsonNode summary(Fixtures.Player player) {
        return api.as(Tokens.player(player.externalRef())).get("/api/v1/me/summary").send().json();
    }

    private String status(String table, UUID id) {
        return jdbc.queryForObject("SELECT status FROM " + table + " WHERE id = ?", String.class, id);
    }

    private String result(UUID intent) {
        return jdbc.queryForObject("SELECT result FROM bet_intent_results WHERE bet_intent_id = ?", String.class, intent);
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    private Map<String, Object> onlyAudit(String action, UUID target) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT * FROM audit_logs WHERE target_id = ? AND action_name = ?", target, action);
        assertThat(rows).as(action + " audit rows of " + target).hasSize(1);
        return rows.get(0);
    }

    private Map<String, String> attributes(Map<String, Object> audit) {
        Map<String, String> attributes = new HashMap<>();
        jdbc.query("SELECT attribute_key, attribute_value FROM audit_log_attributes WHERE audit_log_id = ?",
                rs -> {
                    attributes.put(rs.getString(1), rs.getString(2));
                }, audit.get("id"));
        return attributes;
    }
}
