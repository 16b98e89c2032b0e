package dev.reveal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import dev.reveal.RevealApplication;
import dev.reveal.support.Api;
import dev.reveal.support.Fixtures;
import dev.reveal.support.LocalProcesses;
import dev.reveal.support.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL stops under load and comes back: readiness goes DOWN within 1 s (and UP within 1 s of the restart), requests fail fast with a 503
 * problem (never past Hikari's 3 s connection timeout plus a margin), the same service recovers without a restart,
 * and every acknowledged write is still there. The service runs in this JVM on its own embedded database.
 */
class DatabaseOutageTest {

    private static final int PLAYERS = 8;
    private static final int THREADS = 4;
    /** Hikari's connection-timeout (3 s) plus a margin for a loaded machine. */
    private static final Duration FAIL_FAST = Duration.ofMillis(4_000);
    /** Readiness follows the database within a second (DatabaseHealth keeps its own connection, 1 s timeouts). */
    private static final Duration READINESS_BOUND = Duration.ofSeconds(1);
    /**
     * Predictions follow as fast: the pool tries to connect every 100 ms while the database is gone
     * (PatientConnections), where Hikari alone sleeps up to 5 s between attempts.
     */
    private static final Duration PREDICTIONS_BOUND = Duration.ofSeconds(1);

    record Sent(String key, String player, String body) {
    }

    @Test
    void readinessDropsRequestsFailFastAndTheServiceRecoversWithoutLosingWrites() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "outage-");
        int pgPort = LocalProcesses.freePort();
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(RevealApplication.class).run(
                "--spring.profiles.active=test", "--server.port=0", "--reveal.data.dir=" + dataDir.toAbsolutePath(),
                "--reveal.database.embedded.port=" + pgPort, "--reveal.database.embedded.clean=false",
                "--logging.structured.format.console=");
        Process restarted = null;
        try {
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            JsonMapper json = ctx.getBean(JsonMapper.class);
            Http http = new Http(port, json);
            Path pgData = dataDir.resolve("postgres").toAbsolutePath();

            Fixtures.OpenMarket market = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(3600));
            List<Fixtures.Player> players = new ArrayList<>();
            for (int i = 0; i < PLAYERS; i++) {
                players.add(Fixtures.player(jdbc, "outage-" + i + "-" + UUID.randomUUID(), "control"));
            }

            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            List<Sent> refused = Collections.synchronizedList(new ArrayList<>());
            List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
            AtomicLong slowest503 = new AtomicLong();
            AtomicLong serverDownAt = new AtomicLong(Long.MAX_VALUE);
            AtomicLong count503 = new AtomicLong();
            java.util.Queue<Long> ackedAt = new java.util.concurrent.ConcurrentLinkedQueue<>();
            AtomicLong refusedWhileDown = new AtomicLong();
            AtomicLong sent = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                pool.submit(() -> {
                    int n = 0;
                    while (running.get()) {
                        Fixtures.Player p = players.get((thread + THREADS * n++) % PLAYERS);
                        Sent s = new Sent("outage-" + UUID.randomUUID(), p.externalRef(), String.format("""
                                {"sessionId":"%s","marketId":"%s","outcomeId":"%s","oddsVersionId":"%s","clientSentAt":"%s"}""",
                                p.sessionId(), market.marketId(), market.yesOutcomeId(), market.oddsVersionId(), Instant.now()));
                        long started = System.nanoTime();
                        sent.incrementAndGet();
                        try {
                            Api.Response r = post(http, s);
                            long took = (System.nanoTime() - started) / 1_000_000;
                            if (r.status() == 201 || r.status() == 200) {
                                acknowledged.put(s.key(), r.json().get("id").asString());
                                ackedAt.add(System.nanoTime());
                            } else if (r.status() == 503 && "DATABASE_UNAVAILABLE".equals(r.code())
                                    && r.header("Content-Type").startsWith("application/problem+json")
                                    // the client must learn that the prediction may be recorded: retry, same key
                                    && r.json().get("detail").asString().contains("may have been recorded")) {
                                count503.incrementAndGet();
                                if (started > serverDownAt.get()) {
                                    // sent while the server was gone: what a client waits for a refusal
                                    slowest503.accumulateAndGet(took, Math::max);
                                    refusedWhileDown.incrementAndGet();
                                }
                                refused.add(s);
                            } else if (r.status() == 429) {
                                refused.add(s);
                            } else {
                                unexpected.add(r.status() + " after " + took + " ms: " + r.body());
                                refused.add(s);
                            }
                        } catch (UncheckedIOException e) {
                            unexpected.add("no answer: " + e.getMessage());
                            refused.add(s);
                        }
                        LocalProcesses.sleep(20); // the clients' pace
                    }
                });
            }
            awaitCount(acknowledged, 30, Duration.ofSeconds(60));

            // stop PostgreSQL with SIGINT (fast shutdown: sessions cut; pg_ctl refuses to run as root here), keeping its
            // exact command line to start it again
            long postmaster = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
            ProcessHandle.Info info = ProcessHandle.of(postmaster).orElseThrow().info();
            String postgres = info.command().orElseThrow();
            String[] arguments = info.arguments().orElseThrow();
            int ackedBeforeStop = acknowledged.size();
            long stopIssuedAt = System.nanoTime();
            run("kill", "-INT", Long.toString(postmaster));
            assertThat(ProcessHandle.of(postmaster).map(h -> h.onExit().orTimeout(30, TimeUnit.SECONDS).join()))
                    .as("postmaster stopped").isPresent();
            // the clock starts when the server is gone (its shutdown checkpoint is not the service's to answer for)
            long stoppedAt = System.nanoTime();
            serverDownAt.set(stoppedAt);

            long downAfter = awaitReadiness(http, 503, Duration.ofSeconds(10)) - stoppedAt;
            // the database stays down until every client has been refused twice while it was gone
            await().atMost(Duration.ofSeconds(60)).until(refusedWhileDown::get, greaterThanOrEqualTo(2L * THREADS));
            long count503DuringOutage = count503.get();

            // as root, the embedded server runs in its own user namespace (`unshare -U`, as zonky starts it)
            List<String> command = new ArrayList<>(isRoot() ? List.of("unshare", "-U", postgres) : List.of(postgres));
            command.addAll(List.of(arguments));
            long restartedAt = System.nanoTime();
            restarted = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("postgres-restarted.log").toFile()).start();
            long databaseBack = awaitAcceptingConnections(pgPort, Duration.ofSeconds(30));
            long upAfter = awaitReadiness(http, 200, Duration.ofSeconds(30)) - databaseBack;
            int ackedAtRecovery = acknowledged.size();
            awaitCount(acknowledged, ackedAtRecovery + 30, Duration.ofSeconds(60));
            long predictionsAfter = ackedAt.stream().filter(t -> t > databaseBack).min(Long::compare).orElseThrow() - databaseBack;
            running.set(false);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            // clients retry what was refused, with the same key and body
            int retried = 0;
            for (Sent s : new ArrayList<>(refused)) {
                Api.Response r = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                        .until(() -> post(http, s), answer -> answer.status() != 429);
                assertThat(r.status()).as(r.toString()).isIn(200, 201);
                acknowledged.put(s.key(), r.json().get("id").asString());
                retried++;
            }

            assertThat(unexpected).as("answers other than 2xx, 429 or a 503 DATABASE_UNAVAILABLE problem").isEmpty();
            assertThat(downAfter).as("readiness DOWN after the stop (ns)").isLessThan(READINESS_BOUND.toNanos());
            assertThat(upAfter).as("readiness UP after the server accepts connections (ns)").isLessThan(READINESS_BOUND.toNanos());
            assertThat(predictionsAfter).as("first acknowledged prediction after the server accepts connections (ns)")
                    .isLessThan(PREDICTIONS_BOUND.toNanos());
            assertThat(count503DuringOutage).as("requests refused during the outage").isPositive();
            assertThat(slowest503.get()).as("slowest 503 of the requests sent while the server was down (ms)")
                    .isPositive().isLessThan(FAIL_FAST.toMillis());
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT id::text AS id, idempotency_key FROM bet_intents WHERE idempotency_key LIKE 'outage-%'");
            Map<String, String> idByKey = new java.util.HashMap<>();
            rows.forEach(r -> idByKey.put((String) r.get("idempotency_key"), (String) r.get("id")));
            assertThat(rows).as("rows = distinct keys").hasSize(idByKey.size());
            assertThat(idByKey).containsAllEntriesOf(acknowledged);
            assertThat(idByKey).hasSize(acknowledged.size());
            System.out.printf("database outage: %d requests sent, %d acknowledged before the stop, server down %d ms after SIGINT, "
                            + "readiness DOWN %d ms later, "
                            + "%d requests answered 503 DATABASE_UNAVAILABLE (slowest of those sent while it was down %d ms), readiness UP %d ms after the database accepted connections again, "
                            + "the first prediction acknowledged %d ms after it, %d refused requests retried, %d rows checked, none lost%n",
                    sent.get(), ackedBeforeStop, (stoppedAt - stopIssuedAt) / 1_000_000, downAfter / 1_000_000, count503.get(), slowest503.get(), upAfter / 1_000_000,
                    predictionsAfter / 1_000_000, retried, rows.size());
            gracefulShutdownFinishesAnInFlightRequest(ctx, http, pgPort, players.get(0));
        } finally {
            ctx.close();
            if (restarted != null && restarted.isAlive()) {
                restarted.destroy();
                restarted.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * A request held up by a row lock is in flight when the context starts closing; graceful shutdown lets it finish
     * (the lock is released once the shutdown is under way) and answer 200.
     */
    private static void gracefulShutdownFinishesAnInFlightRequest(ConfigurableApplicationContext ctx, Http http, int pgPort,
            Fixtures.Player player) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (java.sql.Connection lock = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/postgres",
                "postgres", "")) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("SELECT 1 FROM sessions WHERE id = '" + player.sessionId() + "' FOR UPDATE");
            var inFlight = pool.submit(() -> http.send("POST", "/api/v1/sessions/" + player.sessionId() + "/end",
                    Tokens.player(player.externalRef()), null));
            // another connection: inside the lock's transaction pg_stat_activity would stay one snapshot
            JdbcTemplate jdbc = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                    "jdbc:postgresql://localhost:" + pgPort + "/postgres", "postgres", ""));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                            + " AND query LIKE 'UPDATE sessions%'", Integer.class) > 0);
            long closing = System.nanoTime();
            var closed = pool.submit(ctx::close);
            // the shutdown is under way once readiness stops answering 200 (refusing traffic, or no longer listening)
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> readiness(http) != 200);
            assertThat(inFlight.isDone()).as("the request waits for its lock").isFalse();
            lock.commit();
            Api.Response r = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("endedAt")).isNotNull();
            closed.get(60, TimeUnit.SECONDS);
            System.out.printf("graceful shutdown: a request in flight when shutdown began answered %d; the context closed %d ms later%n",
                    r.status(), (System.nanoTime() - closing) / 1_000_000);
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Api.Response post(Http http, Sent s) {
        return http.send("POST", "/api/v1/bet-intents", Tokens.player(s.player()), s.body(),
                Map.of("Idempotency-Key", s.key()), Duration.ofSeconds(20));
    }

    /** Polls the server every 20 ms; returns System.nanoTime() when it first accepts a connection and answers. */
    private static long awaitAcceptingConnections(int pgPort, Duration timeout) {
        await("the database accepting connections").atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/postgres",
                    "postgres", "")) {
                c.createStatement().execute("SELECT 1");
                return true;
            } catch (java.sql.SQLException e) {
                return false;
            }
        });
        return System.nanoTime();
    }

    /** Polls readiness every 100 ms; returns System.nanoTime() when it first answers {@code status}. */
    private static long awaitReadiness(Http http, int status, Duration timeout) {
        await("readiness " + status).atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> readiness(http) == status);
        return System.nanoTime();
    }

    /** The readiness status, or 0 when nothing answers. */
    private static int readiness(Http http) {
        try {
            return http.send("GET", "/actuator/health/readiness", null, null).status();
        } catch (UncheckedIOException e) {
            return 0;
        }
    }

    private static void awaitCount(Map<String, String> acknowledged, int count, Duration timeout) {
        await("acknowledged intents").atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(acknowledged::size, greaterThanOrEqualTo(count));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }
}
