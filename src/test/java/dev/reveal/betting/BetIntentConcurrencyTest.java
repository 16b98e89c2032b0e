package dev.reveal.betting;

import static dev.reveal.betting.Intents.newKey;
import static dev.reveal.betting.Intents.place;
import static dev.reveal.betting.Intents.yes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reveal.support.Api;
import dev.reveal.support.Fixtures;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.OddsFixtures;
import dev.reveal.support.PlayerSessions;
import dev.reveal.support.Tokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Real threads, real HTTP, the real database: the unique keys decide every race, and nobody gets a 500. */
class BetIntentConcurrencyTest extends IntegrationTest {

    private static final int THREADS = 50;

    @Autowired
    PlatformTransactionManager transactions;

    /** Runs the calls together behind one start gate and returns their responses. */
    private static List<Api.Response> together(int n, Supplier<Api.Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.get();
                }));
            }
            ready.await();
            go.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> f : futures) {
                responses.add(f.get(120, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiftyConcurrentRequestsWithOneKeyWriteOneRowAndGetOneAnswer() throws Exception {
        String ref = PlayerSessions.newRef("same-key");
        String token = Tokens.player(ref);
        UUID session = PlayerSessions.start(api, ref);
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
        String key = newKey();
        Map<String, Object> body = yes(session, m);

        List<Api.Response> responses = together(THREADS, () -> place(api, token, key, body));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(200, 201));
        assertThat(responses.stream().filter(r -> r.status() == 201).count()).isEqualTo(1);
        assertThat(responses.stream().filter(r -> r.status() == 200))
                .allSatisfy(r -> assertThat(r.header("Idempotent-Replayed")).isEqualTo("true"));
        assertThat(responses.stream().map(Api.Response::body).distinct()).hasSize(1);
        assertThat(responses.get(0).json().get("acceptanceCode").asString()).isEqualTo("ACCEPTED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bet_intents WHERE market_id = ?", Long.class, m.marketId()))
                .isEqualTo(1);
    }

    @Test
    void fiftyConcurrentKeysOnOneMarketAcceptExactlyOne() throws Exception {
        String ref = PlayerSessions.newRef("many-keys");
        String token = Tokens.player(ref);
        UUID session = PlayerSessions.start(api, ref);
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));

        List<Api.Response> responses = together(THREADS, () -> place(api, token, newKey(), yes(session, m)));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
        Map<String, Long> codes = responses.stream()
                .collect(Collectors.groupingBy(r -> r.json().get("acceptanceCode").asString(), Collectors.counting()));
        assertThat(codes).isEqualTo(Map.of("ACCEPTED", 1L, "ALREADY_PREDICTED", (long) THREADS - 1));
        assertThat(jdbc.queryForList("SELECT acceptance_code FROM bet_intents WHERE market_id = ?", String.class, m.marketId()))
                .hasSize(THREADS).filteredOn("ACCEPTED"::equals).hasSize(1);
    }

    /** Many players with a session each, made in two statements; tokens signed up front to keep the burst dense. */
    private List<String[]> burstPlayers(int n) {
        String run = UUID.randomUUID().toString();
        jdbc.update("""
                WITH u AS (INSERT INTO users (id, external_ref, created_at)
                           SELECT gen_random_uuid(), 'burst-' || ? || '-' || g, now() FROM generate_series(1, ?) g
                           RETURNING id)
                INSERT INTO sessions (id, user_id, started_at, experiment_variant, locale_code)
                SELECT gen_random_uuid(), id, now(), 'control', 'en' FROM u
                """, run, n);
        return jdbc.query("""
                SELECT u.external_ref, s.id FROM users u JOIN sessions s ON s.user_id = u.id
                 WHERE u.external_ref LIKE 'burst-' || ? || '-%'
                """, (rs, i) -> new String[] {Tokens.player(rs.getString(1)), rs.getString(2)}, run);
    }

    @Test
    void aBurstStraddlingTheLockNeverAcceptsAtOrAfterLockTime() throws Exception {
        List<String[]> players = burstPlayers(3000);
        Fixtures.OpenMarket warmUp = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
        together(16, () -> place(api, players.get(0)[0], newKey(), yes(UUID.fromString(players.get(0)[1]), warmUp)));

        Instant lockAt = Instant.now().plusMillis(1500);
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, lockAt);
        Instant stop = lockAt.plusMillis(700);
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Api.Response> responses = new ConcurrentLinkedQueue<>();
        int threads = 16;
        together(threads, () -> {
            while (Instant.now().isBefore(stop)) {
                String[] p = players.get(next.getAndIncrement() % players.size());
                responses.add(place(api, p[0], newKey(), yes(UUID.fromString(p[1]), m)));
            }
            return null;
        });

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
        Map<String, Long> codes = responses.stream()
                .collect(Collectors.groupingBy(r -> r.json().get("acceptanceCode").asString(), Collectors.counting()));
        assertThat(codes).as("the burst straddles the lock").containsKeys("ACCEPTED", "MARKET_LOCKED");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM bet_intents bi JOIN markets m ON m.id = bi.market_id
                 WHERE bi.market_id = ? AND bi.accepted AND bi.server_received_at >= m.lock_at
                """, Long.class, m.marketId())).isZero();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM bet_intents bi JOIN markets m ON m.id = bi.market_id
                 WHERE bi.market_id = ? AND NOT bi.accepted AND bi.acceptance_code = 'MARKET_LOCKED'
                   AND bi.server_received_at < m.lock_at
                """, Long.class, m.marketId())).as("nothing refused as locked before its lock time").isZero();
    }

    @Test
    void oddsPublishedDuringABurstNeverMixVersions() throws Exception {
        List<String[]> players = burstPlayers(2000);
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean published = new AtomicBoolean();
        ConcurrentLinkedQueue<Api.Response> responses = new ConcurrentLinkedQueue<>();
        TransactionTemplate tx = new TransactionTemplate(transactions);

        ExecutorService publisher = Executors.newSingleThreadExecutor();
        Future<UUID> v2 = publisher.submit(() -> {
            await().until(() -> responses.size() >= 30);
            // One publishing transaction that holds its row locks a while, as a slow operator publish would.
            UUID version = tx.execute(status -> {
                jdbc.update("UPDATE odds_versions SET is_current = false WHERE market_id = ? AND is_current", m.marketId());
                jdbc.queryForObject("SELECT pg_sleep(0.3)::text", String.class);
                return OddsFixtures.insertCurrent(jdbc, m, 2, "1.60", "2.40");
            });
            published.set(true);
            return version;
        });
        together(16, () -> {
            int afterPublish = 0;
            while (afterPublish < 20 && next.get() < players.size()) {
                String[] p = players.get(next.getAndIncrement());
                responses.add(place(api, p[0], newKey(), yes(UUID.fromString(p[1]), m)));
                if (published.get()) {
                    afterPublish++;
                }
            }
            return null;
        });
        UUID version2 = v2.get(60, TimeUnit.SECONDS);
        publisher.shutdown();

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
        Map<String, Long> codes = responses.stream()
                .collect(Collectors.groupingBy(r -> r.json().get("acceptanceCode").asString(), Collectors.counting()));
        assertThat(codes).containsOnlyKeys("ACCEPTED", "ODDS_CHANGED").containsKeys("ACCEPTED", "ODDS_CHANGED");
        assertThat(jdbc.queryForList("SELECT DISTINCT accepted_odds_version_id FROM bet_intents WHERE market_id = ? AND accepted",
                UUID.class, m.marketId())).containsExactly(m.oddsVersionId());
        assertThat(version2).isNotEqualTo(m.oddsVersionId());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM odds_versions WHERE market_id = ? AND is_current", Long.class,
                m.marketId())).isEqualTo(1);
    }

    @Test
    void concurrentFirstSessionsOfOneNewPlayerMakeOneUserAndOneAssignment() throws Exception {
        String ref = PlayerSessions.newRef("first-sight");
        List<Api.Response> responses = together(20, () -> api.as(Tokens.player(ref)).post("/api/v1/sessions",
                Map.of("platform", "WEB", "locale", "en")).send());

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
        assertThat(responses.stream().map(r -> r.json().get("userId").asString()).distinct()).hasSize(1);
        assertThat(responses.stream().map(r -> r.json().get("variant").asString()).distinct()).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users WHERE external_ref = ?", Long.class, ref)).isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM experiment_assignments a JOIN users u ON u.id = a.user_id WHERE u.external_ref = ?
                """, Long.class, ref)).isEqualTo(1);
    }
}
