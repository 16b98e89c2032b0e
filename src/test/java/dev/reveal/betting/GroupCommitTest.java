package dev.reveal.betting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.platform.Refusal;
import dev.reveal.support.Fixtures;
import dev.reveal.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Group commit under real concurrency: many threads released at once put racers for the same key, the same
 * market and the same key with another payload into one batch, and the rows and answers must be exactly what
 * one-at-a-time recording guarantees.
 */
class GroupCommitTest extends IntegrationTest {

    private static final int PLAYERS = 8;
    private static final int RACERS = 6;

    @Autowired
    private BetIntentService service;

    @Autowired
    private MeterRegistry meters;

    /** What one call answered: the intent (and whether it was a replay) or the problem code. */
    private record Outcome(BetIntentView intent, boolean replayed, String problem) {
    }

    private record Call(String group, Fixtures.Player player, String key, PlaceBetIntent command) {
    }

    private final List<Call> calls = new ArrayList<>();

    @Test
    void concurrentBatchesKeepOneRowPerKeyIdenticalAnswersAndOneAcceptedPerMarket() throws Exception {
        Instant lockAt = Instant.now().plusSeconds(600);
        Fixtures.OpenMarket sameKeyMarket = Fixtures.openMarket(jdbc, lockAt);
        Fixtures.OpenMarket sameMarket = Fixtures.openMarket(jdbc, lockAt);
        Fixtures.OpenMarket reusedKeyMarket = Fixtures.openMarket(jdbc, lockAt);
        Instant sentAt = Instant.now();
        List<Fixtures.Player> players = new ArrayList<>();
        for (int p = 0; p < PLAYERS; p++) {
            Fixtures.Player player = Fixtures.player(jdbc, "group-commit-" + UUID.randomUUID(), "control");
            players.add(player);
            String sameKey = "same-" + UUID.randomUUID();
            String reusedKey = "reused-" + UUID.randomUUID();
            for (int r = 0; r < RACERS; r++) {
                // the same request raced RACERS times
                calls.add(new Call("sameKey", player, sameKey, command(player, sameKey, sameKeyMarket,
                        sameKeyMarket.yesOutcomeId(), sentAt)));
                // RACERS different keys on one market: one may be accepted
                String key = "market-" + UUID.randomUUID();
                calls.add(new Call("sameMarket", player, key, command(player, key, sameMarket,
                        r % 2 == 0 ? sameMarket.yesOutcomeId() : sameMarket.noOutcomeId(), sentAt)));
                // one key, two different payloads
                calls.add(new Call("reusedKey", player, reusedKey, command(player, reusedKey, reusedKeyMarket,
                        r % 2 == 0 ? reusedKeyMarket.yesOutcomeId() : reusedKeyMarket.noOutcomeId(), sentAt)));
            }
        }
        double batchesBefore = batchStatistic("count");

        List<Outcome> outcomes = runAtOnce(calls);

        assertThat(batchStatistic("max")).as("requests shared a group-commit batch").isGreaterThan(1);
        assertThat(batchStatistic("count") - batchesBefore).as("fewer transactions than requests")
                .isLessThan(calls.size());
        for (Fixtures.Player player : players) {
            List<Map<String, Object>> rows = jdbc.queryForList("""
                    SELECT idempotency_key, market_id, acceptance_code, count(*) OVER (PARTITION BY idempotency_key) AS per_key
                      FROM bet_intents WHERE user_id = ?""", player.userId());
            assertThat(rows).as("one row per (player, key)").allSatisfy(row ->
                    assertThat(((Number) row.get("per_key")).longValue()).isEqualTo(1));
            assertThat(rows).hasSize(1 + RACERS + 1);
            Map<Object, Long> acceptedPerMarket = rows.stream().filter(r -> "ACCEPTED".equals(r.get("acceptance_code")))
                    .collect(Collectors.groupingBy(r -> r.get("market_id"), Collectors.counting()));
            assertThat(acceptedPerMarket.values()).as("at most one accepted per (player, market)")
                    .allSatisfy(n -> assertThat(n).isEqualTo(1L));
            assertThat(acceptedPerMarket).hasSize(3);

            List<Outcome> sameKey = outcomesOf(outcomes, "sameKey", player);
            assertThat(sameKey).as("racers of one request get one intent").allSatisfy(o -> {
                assertThat(o.problem()).isNull();
                assertThat(o.intent()).isEqualTo(sameKey.get(0).intent());
            });
            assertThat(sameKey.stream().filter(o -> !o.replayed()).count()).as("exactly one first answer").isEqualTo(1);
            assertThat(sameKey.get(0).intent().acceptanceCode()).isEqualTo(AcceptanceCode.ACCEPTED);

            List<Outcome> sameMarketOutcomes = outcomesOf(outcomes, "sameMarket", player);
            assertThat(sameMarketOutcomes).allSatisfy(o -> assertThat(o.problem()).isNull());
            assertThat(sameMarketOutcomes.stream().map(o -> o.intent().acceptanceCode()).toList())
                    .containsOnlyOnce(AcceptanceCode.ACCEPTED)
                    .filteredOn(c -> c != AcceptanceCode.ACCEPTED).hasSize(RACERS - 1)
                    .containsOnly(AcceptanceCode.ALREADY_PREDICTED);

            List<Outcome> reused = outcomesOf(outcomes, "reusedKey", player);
            List<Outcome> answered = reused.stream().filter(o -> o.problem() == null).toList();
            assertThat(answered).as("the payload that won the key").isNotEmpty()
                    .allSatisfy(o -> assertThat(o.intent()).isEqualTo(answered.get(0).intent()));
            assertThat(reused.stream().filter(o -> o.problem() != null).map(Outcome::problem))
                    .as("the other payload is refused").hasSize(RACERS / 2).containsOnly("IDEMPOTENCY_KEY_REUSED");
        }
    }

    private static PlaceBetIntent command(Fixtures.Player player, String key, Fixtures.OpenMarket m, UUID outcome,
            Instant sentAt) {
        return new PlaceBetIntent(player.externalRef(), key, player.sessionId(), m.marketId(), outcome,
                m.oddsVersionId(), sentAt, AcceptOdds.EXACT);
    }

    private List<Outcome> outcomesOf(List<Outcome> outcomes, String group, Fixtures.Player player) {
        List<Outcome> of = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).group().equals(group) && calls.get(i).player().equals(player)) {
                of.add(outcomes.get(i));
            }
        }
        return of;
    }

    private List<Outcome> runAtOnce(List<Call> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch ready = new CountDownLatch(calls.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Call call : calls) {
                Callable<Outcome> task = () -> {
                    ready.countDown();
                    go.await();
                    try {
                        BetIntentService.Answer a = service.place(call.command());
                        return new Outcome(a.intent(), a.replayed(), null);
                    } catch (Refusal e) {
                        return new Outcome(null, false, e.code());
                    }
                };
                futures.add(pool.submit(task));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private double batchStatistic(String statistic) {
        var summary = meters.find("reveal.bet_intents.batch_size").summary();
        if (summary == null) {
            return 0;
        }
        return statistic.equals("max") ? summary.max() : summary.count();
    }
}
