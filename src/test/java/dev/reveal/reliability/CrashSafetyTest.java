package dev.reveal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reveal.support.Fixtures;
import dev.reveal.support.ServiceProcess;
import dev.reveal.support.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * SIGKILL mid-load: the service runs as a child JVM on a fresh data directory; client threads send bet intents
 * with unique Idempotency-Keys (two keys per player and market, so the one-accepted-prediction rule is under
 * load too); the JVM is killed while requests are in flight, started again on the same data directory, and every
 * unanswered request is retried with its key and body. Every acknowledged intent must then exist exactly once with
 * the id it was acknowledged with, rows = distinct keys, and one accepted intent per player and market.
 */
class CrashSafetyTest {

    private static final int PLAYERS = 8;
    private static final int MARKETS = 30;
    private static final int THREADS = 6;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    record Intent(String key, String player, UUID market, String body) {
    }

    @Test
    void acknowledgedIntentsSurviveASigkillExactlyOnce() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "crash-");
        try (ServiceProcess service = ServiceProcess.onTestClasspath(dataDir.resolve("service.log"))
                .jvmOptions("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                .embeddedDatabase(dataDir, false)
                .args("--reveal.lifecycle.enabled=false", "--logging.structured.format.console=",
                        "--spring.main.banner-mode=off", "--reveal.rate-limits.bet-intents.per-second=0")
                .env("REVEAL_AUTH_HMAC_SECRET", Tokens.SECRET)
                .build()) {
            service.start().awaitReady(Duration.ofSeconds(180));
            JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(service.jdbcUrl(), "postgres", ""));
            long started = System.nanoTime();
            List<Intent> intents = new ArrayList<>();
            // one held connection for the many fixture statements; closed before the server stops
            var fixtureConnection = new SingleConnectionDataSource(service.jdbcUrl(), "postgres", "", true);
            JdbcTemplate fixtures = new JdbcTemplate(fixtureConnection);
            List<Fixtures.Player> players = new ArrayList<>();
            for (int p = 0; p < PLAYERS; p++) {
                players.add(Fixtures.player(fixtures, "crash-" + p + "-" + UUID.randomUUID(), "control"));
            }
            for (int m = 0; m < MARKETS; m++) {
                Fixtures.OpenMarket market = Fixtures.openMarket(fixtures, Instant.now().plusSeconds(3600));
                for (Fixtures.Player player : players) {
                    for (UUID outcome : market.outcomeIds()) {
                        String body = String.format("""
                                {"sessionId":"%s","marketId":"%s","outcomeId":"%s","oddsVersionId":"%s","clientSentAt":"%s"}""",
                                player.sessionId(), market.marketId(), outcome, market.oddsVersionId(), Instant.now());
                        intents.add(new Intent("crash-" + UUID.randomUUID(), player.externalRef(), market.marketId(), body));
                    }
                }
            }
            fixtureConnection.destroy();
            Collections.shuffle(intents);
            long loadStarted = System.nanoTime();

            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            int killAfter = intents.size() / 3;
            List<Intent> unanswered = send(service, intents, acknowledged, killAfter, true);
            int acknowledgedBeforeKill = acknowledged.size();
            long killedAt = System.nanoTime();
            assertThat(acknowledgedBeforeKill).isGreaterThanOrEqualTo(killAfter);
            assertThat(unanswered).as("the kill left requests unanswered").isNotEmpty();

            service.start().awaitReady(Duration.ofSeconds(180));
            Map<String, String> retried = new ConcurrentHashMap<>();
            List<Intent> stillUnanswered = send(service, unanswered, retried, Integer.MAX_VALUE, false);
            assertThat(stillUnanswered).as("unanswered after the restart").isEmpty();
            long replayed = retried.values().stream().filter(v -> v.startsWith("200 ")).count();
            retried.forEach((key, answer) -> acknowledged.put(key, answer));

            // every key answered once, with the id of the row that holds it
            List<Map<String, Object>> rows = db.queryForList(
                    "SELECT id::text AS id, idempotency_key FROM bet_intents WHERE idempotency_key LIKE 'crash-%'");
            Map<String, String> idByKey = new java.util.HashMap<>();
            rows.forEach(r -> idByKey.merge((String) r.get("idempotency_key"), (String) r.get("id"), (a, b) -> a + "," + b));
            assertThat(rows).hasSize(intents.size());
            assertThat(idByKey).hasSize(intents.size());
            for (Intent intent : intents) {
                String answer = acknowledged.get(intent.key());
                Matcher id = ID.matcher(answer);
                assertThat(id.find()).as(answer).isTrue();
                assertThat(idByKey.get(intent.key())).as("row of " + intent.key()).isEqualTo(id.group(1));
            }
            Integer duplicates = db.queryForObject("""
                    SELECT count(*) FROM (SELECT user_id, market_id FROM bet_intents WHERE idempotency_key LIKE 'crash-%'
                    GROUP BY user_id, market_id HAVING count(*) FILTER (WHERE accepted) <> 1) d""", Integer.class);
            assertThat(duplicates).as("player/market pairs without exactly one accepted intent").isZero();

            String log = Files.readString(service.log());
            assertThat(log).as("the token secret in the logs").doesNotContain(Tokens.SECRET);
            assertThat(log).as("a bearer token in the logs").doesNotContain(Tokens.player(intents.get(0).player()).substring(0, 40));
            System.out.printf("crash safety timings: fixtures %d ms, load until kill %d ms (%.0f acknowledged/s)%n",
                    (loadStarted - started) / 1_000_000, (killedAt - loadStarted) / 1_000_000,
                    acknowledgedBeforeKill * 1e9 / (killedAt - loadStarted));
            System.out.printf("crash safety: %d requests tried, %d acknowledged before SIGKILL, %d unanswered and retried "
                            + "(%d had been committed and were replayed), %d rows checked, %d player/market pairs with one accepted intent%n",
                    intents.size(), acknowledgedBeforeKill, unanswered.size(), replayed, rows.size(), PLAYERS * MARKETS);
        }
    }

    /**
     * Sends every intent from {@link #THREADS} threads; with {@code killAfter}, SIGKILLs the service once that many
     * are acknowledged. Returns the intents without a 2xx answer.
     */
    private static List<Intent> send(ServiceProcess service, List<Intent> intents, Map<String, String> acknowledged,
            int killAfter, boolean kill) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
        LinkedBlockingQueue<Intent> queue = new LinkedBlockingQueue<>(intents);
        List<Intent> unanswered = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            pool.submit(() -> {
                Intent intent;
                while ((intent = queue.poll()) != null) {
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/bet-intents"))
                                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + Tokens.player(intent.player()))
                                .header("Idempotency-Key", intent.key())
                                .POST(HttpRequest.BodyPublishers.ofString(intent.body())).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200 || r.statusCode() == 201) {
                            acknowledged.put(intent.key(), r.statusCode() + " " + r.body());
                        } else {
                            unanswered.add(intent);
                        }
                    } catch (IOException e) {
                        unanswered.add(intent);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    done.incrementAndGet();
                }
            });
        }
        if (kill) {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5))
                    .until(() -> acknowledged.size() >= killAfter || done.get() >= intents.size());
            service.kill();
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        return new ArrayList<>(unanswered);
    }
}
