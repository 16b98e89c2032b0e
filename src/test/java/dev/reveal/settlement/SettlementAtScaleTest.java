package dev.reveal.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reveal.support.Api;
import dev.reveal.support.Fixtures;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.SettlementFixtures;
import dev.reveal.support.SettlementFixtures.Market;
import dev.reveal.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settling is O(1) in the number of predictions: a market with a million accepted predictions settles by writing
 * the same handful of rows as one with ten, because results are derived by the bet_intent_results view.
 */
class SettlementAtScaleTest extends IntegrationTest {

    private static final int INTENTS = 1_000_000;
    private static final List<String> TABLES = List.of("bet_intents", "settlements", "markets", "events");

    @Autowired
    TransactionTemplate tx;

    private record Writes(long inserted, long updated, long deleted) {
        Writes minus(Writes o) {
            return new Writes(inserted - o.inserted, updated - o.updated, deleted - o.deleted);
        }
    }

    @Test
    void settlingAMarketWithAMillionPredictionsTouchesAConstantNumberOfRows() {
        // the first settlement in a fresh JVM pays for warm-up; then a market with ten predictions, for comparison
        timedSettle(smallMarket());
        long smallMs = timedSettle(smallMarket()).toMillis();
        System.out.printf("settled a market holding 10 accepted predictions in %d ms (HTTP round trip)%n", smallMs);

        Market market = SettlementFixtures.eventWithMarket(jdbc, "LOCKED", "LOCKED", Instant.now().minusSeconds(60));
        Map<String, Writes> beforeFixture = writes();
        long fixtureStart = System.nanoTime();
        SettlementFixtures.Bulk bulk = SettlementFixtures.bulkAccepted(jdbc, tx, market, INTENTS);
        System.out.printf("bulk fixture: %,d users, sessions and accepted predictions in %d ms%n", INTENTS,
                (System.nanoTime() - fixtureStart) / 1_000_000);
        try {
            // the statistics collector reports each backend's writes shortly after its transaction: wait for the
            // fixture's to arrive so that they do not land in the settlement's delta below
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    writes().get("bet_intents").minus(beforeFixture.get("bet_intents")).inserted() >= INTENTS);
            Map<String, Writes> before = writes();
            long xidBefore = jdbc.queryForObject("SELECT pg_current_xact_id()::text::bigint", Long.class) & 0xFFFFFFFFL;

            long start = System.nanoTime();
            Api.Response settled = settle(market);
            System.out.printf("settled a market holding %,d accepted predictions in %d ms (HTTP round trip)%n",
                    INTENTS, (System.nanoTime() - start) / 1_000_000);

            assertThat(settled.status()).as(settled.toString()).isEqualTo(201);
            assertThat(settled.json().get("eventStatus").asString()).isEqualTo("SETTLED");

            // exact, row by row: which rows carry a version written after the settle call began
            assertThat(writtenSince("bet_intents", "market_id", market.marketId(), xidBefore)).isZero();
            assertThat(writtenSince("settlements", "market_id", market.marketId(), xidBefore)).isEqualTo(1);
            assertThat(writtenSince("markets", "id", market.marketId(), xidBefore)).isEqualTo(1);
            assertThat(writtenSince("events", "id", market.eventId(), xidBefore)).isEqualTo(1);

            // and table-wide, from the statistics collector (nothing else writes these tables during this test)
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    writes().get("settlements").minus(before.get("settlements")).inserted() >= 1);
            Map<String, Writes> after = writes();
            assertThat(after.get("bet_intents").minus(before.get("bet_intents"))).isEqualTo(new Writes(0, 0, 0));
            assertThat(after.get("settlements").minus(before.get("settlements"))).isEqualTo(new Writes(1, 0, 0));
            assertThat(after.get("markets").minus(before.get("markets")).updated()).isEqualTo(1);
            assertThat(after.get("events").minus(before.get("events")).updated()).isEqualTo(1);

            // every third player picked NO; the view derives the million results from the one settlement row
            Map<String, Long> results = new HashMap<>();
            jdbc.query("SELECT result, count(*) FROM bet_intent_results WHERE market_id = ? GROUP BY result",
                    rs -> {
                        results.put(rs.getString(1), rs.getLong(2));
                    }, market.marketId());
            assertThat(results).containsOnly(Map.entry("WON", INTENTS - INTENTS / 3L), Map.entry("LOST", INTENTS / 3L));
        } finally {
            SettlementFixtures.removeBulk(jdbc, tx, bulk);
        }
    }

    private Market smallMarket() {
        Market small = SettlementFixtures.eventWithMarket(jdbc, "LOCKED", "LOCKED", Instant.now().minusSeconds(60));
        for (int i = 0; i < 10; i++) {
            SettlementFixtures.accepted(jdbc, small, Fixtures.player(jdbc, "scale-small-" + UUID.randomUUID(), "control"),
                    small.yesOutcomeId(), small.lockAt().minusSeconds(i + 1));
        }
        return small;
    }

    private Api.Response settle(Market market) {
        return api.as(Tokens.operator("op-scale")).post("/admin/v1/markets/" + market.marketId() + "/settlement",
                Map.of("winningOutcomeCode", "YES")).send();
    }

    private Duration timedSettle(Market market) {
        long start = System.nanoTime();
        assertThat(settle(market).status()).isEqualTo(201);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private long writtenSince(String table, String column, UUID id, long xid) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE " + column + " = ? AND xmin::text::bigint > ?",
                Long.class, id, xid);
    }

    private Map<String, Writes> writes() {
        Map<String, Writes> writes = new HashMap<>();
        jdbc.query("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables WHERE relname = ANY (?)",
                rs -> {
                    writes.put(rs.getString(1), new Writes(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }, (Object) TABLES.toArray(String[]::new));
        return writes;
    }
}
