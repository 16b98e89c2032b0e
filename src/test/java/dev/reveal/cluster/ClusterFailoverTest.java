package dev.reveal.cluster;

import dev.reveal.support.LocalProcesses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.Fixtures;
import dev.reveal.support.Tokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The replicated deployment on one machine (scripts/cluster.sh): a pg_auto_failover monitor and two PostgreSQL 15
 * nodes with synchronous replication, PgBouncer in transaction mode in front of the primary (re-pointed by the
 * script's follower of the monitor), and Reveal instances as child JVMs whose pools go through PgBouncer. In order: reads that may lag go to the standby and nothing that must
 * read its own write does; four instances through PgBouncer with at most 20 server connections and a working live
 * stream; the primary's machine lost under load (its whole pg_autoctl tree SIGKILLed) with no acknowledged prediction
 * lost or doubled, readiness following within a second; the old primary back as a standby; a second failover back.
 *
 * <p>Runs with {@code ./mvnw -Pcluster verify} (as {@code .ci/run} does) on a machine with Debian's
 * postgresql-15-auto-failover and pgbouncer; skipped otherwise.
 */
@Tag("cluster")
@EnabledIf(value = "clusterCanRun", disabledReason = "cluster tests run with ./mvnw -Pcluster verify (.ci/run does) and"
        + " need Debian's postgresql-15, postgresql-15-auto-failover and pgbouncer")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private static final String OPERATOR = Tokens.operator("cluster-ops");
    private static final String FEED_READER = Tokens.player("cluster-feed-reader");
    /** The feed cache's max-age (2 s) plus a rebuild and polling on a busy 2-core machine. */
    private static final Duration FEED_BOUND = Duration.ofSeconds(3);
    private static final Duration READINESS_BOUND = Duration.ofSeconds(1);
    /**
     * Predictions are back within the database's own failover time (until it takes writes) plus this, the issue's
     * target. Until 2026-12-02 the first acknowledged prediction came about 10.2 s after the kill whatever the
     * failover took: Hikari's connection adder, its pool emptied by the kill, sleeps 10 ms doubling to 5 s between
     * failed attempts (at ~5.2 s and ~10.2 s). PatientConnections keeps trying every 100 ms inside one attempt.
     */
    private static final Duration SERVICE_MARGIN = Duration.ofSeconds(2);

    /** The pool's and the prediction writer's own account of a failover, for the timeline. */
    private static final String[] TRACE = {"--logging.level.com.zaxxer.hikari=DEBUG", "--logging.level.dev.reveal.betting=DEBUG"};

    private Path work;
    private Cluster cluster;
    private ServiceInstance a;
    private ServiceInstance b;
    private String primaryNode = "node1";

    static boolean clusterCanRun() {
        String missing = Cluster.missing();
        if (Boolean.getBoolean("reveal.cluster") && missing != null) {
            System.err.println("cluster tests skipped: " + missing);
        }
        return Boolean.getBoolean("reveal.cluster") && missing == null;
    }

    @BeforeAll
    void startTopology() throws Exception {
        work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-");
        long started = System.nanoTime();
        // the database processes run as the postgres user when this is root: a directory it can reach
        cluster = Cluster.start(Path.of("/tmp", "reveal-cluster-" + UUID.randomUUID()), work.resolve("cluster.log"));
        long dbUp = System.nanoTime();
        a = ServiceInstance.start(cluster, work.resolve("instance-a.log"), TRACE);
        a.awaitReady(Duration.ofSeconds(180)); // the first one migrates
        b = ServiceInstance.start(cluster, work.resolve("instance-b.log"), TRACE);
        b.awaitReady(Duration.ofSeconds(180));
        System.out.printf("cluster: monitor + 2 nodes + PgBouncer up in %.1f s, two instances ready %.1f s later (logs in %s)%n",
                (dbUp - started) / 1e9, (System.nanoTime() - dbUp) / 1e9, work);
    }

    @AfterAll
    void stopTopology() throws Exception {
        for (ServiceInstance s : new ServiceInstance[] {a, b}) {
            if (s != null) {
                s.close();
            }
        }
        if (cluster != null) {
            cluster.keepLogs(work);
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void readsThatMayLagGoToTheStandbyAndOwnWritesStayOnThePrimary() throws Exception {
        JdbcTemplate primary = cluster.primary();
        JdbcTemplate standby = cluster.node(Cluster.other(primaryNode));
        Fixtures.OpenMarket market = Fixtures.openMarket(primary, Instant.now().plusSeconds(3600));
        Fixtures.Player player = Fixtures.player(primary, "reads-" + UUID.randomUUID(), "control");

        // normal operation: a publish on one instance reaches the other's feed (rebuilt from the standby)
        String v2 = publishOdds(a, market, "1.50", "2.60");
        long published = System.nanoTime();
        awaitTrue(() -> get(b, "/api/v1/feed", FEED_READER).body().contains(v2), Duration.ofSeconds(10));
        long feedLag = System.nanoTime() - published;

        // replay stopped on the standby: it keeps receiving WAL (commits still wait for it) but shows nothing new
        standby.execute("SELECT pg_wal_replay_pause()");
        try {
            String v3 = publishOdds(a, market, "1.40", "2.90");
            // a prediction against the new odds: validated on the primary, so it is accepted on either instance
            Response placed = post(b, "/api/v1/bet-intents", Tokens.player(player.externalRef()), prediction(player, market, v3),
                    "reads-" + UUID.randomUUID());
            assertThat(placed.status()).as(placed.body()).isEqualTo(201);
            assertThat(placed.json().get("acceptanceCode").asString()).isEqualTo("ACCEPTED");
            // the player's own history and a new session read the primary
            Response history = get(a, "/api/v1/me/bet-intents", Tokens.player(player.externalRef()));
            assertThat(history.body()).contains(placed.json().get("id").asString());
            Response session = post(a, "/api/v1/sessions", Tokens.player(player.externalRef()),
                    "{\"platform\":\"WEB\",\"locale\":\"en\"}", null);
            assertThat(session.status()).as(session.body()).isIn(200, 201);
            Response sessionRead = get(b, "/api/v1/sessions/" + session.json().get("sessionId").asString(),
                    Tokens.player(player.externalRef()));
            assertThat(sessionRead.status()).as(sessionRead.body()).isEqualTo(200);
            // the feed, rebuilt from the standby, still shows v2 well past its max-age on both instances
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                assertThat(get(a, "/api/v1/feed", FEED_READER).body()).contains(v2).doesNotContain(v3);
                assertThat(get(b, "/api/v1/feed", FEED_READER).body()).contains(v2).doesNotContain(v3);
                LocalProcesses.sleep(200);
            }
            standby.execute("SELECT pg_wal_replay_resume()");
            long resumed = System.nanoTime();
            awaitTrue(() -> get(a, "/api/v1/feed", FEED_READER).body().contains(v3), Duration.ofSeconds(10));
            long caughtUp = System.nanoTime() - resumed;
            Long lagBytes = standby.queryForObject(
                    "SELECT pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint", Long.class);
            System.out.printf("reads on the standby: an odds publish reached the other instance's feed in %d ms (bound %d ms:"
                            + " feed max-age 2 s + replay lag); with replay paused the feed kept the old odds for 3 s while the"
                            + " prediction against the new odds was ACCEPTED and the player's history and session read it back;"
                            + " after resuming, the feed showed the new odds in %d ms; replay lag now %d bytes%n",
                    feedLag / 1_000_000, FEED_BOUND.toMillis(), caughtUp / 1_000_000, lagBytes);
            assertThat(Duration.ofNanos(feedLag)).isLessThan(FEED_BOUND);
        } finally {
            standby.execute("SELECT pg_wal_replay_resume()");
        }
    }

    @Test
    @Order(2)
    void fourInstancesThroughPgBouncerUseAtMostTwentyServerConnectionsAndTheLiveStreamWorks() throws Exception {
        ServiceInstance c = ServiceInstance.start(cluster, work.resolve("instance-c.log"),
                "--spring.datasource.hikari.minimum-idle=20");
        ServiceInstance d = ServiceInstance.start(cluster, work.resolve("instance-d.log"),
                "--spring.datasource.hikari.minimum-idle=20");
        try {
            c.awaitReady(Duration.ofSeconds(180));
            d.awaitReady(Duration.ofSeconds(180));
            List<ServiceInstance> four = List.of(a, b, c, d);
            JdbcTemplate primary = cluster.primary();
            Fixtures.OpenMarket market = Fixtures.openMarket(primary, Instant.now().plusSeconds(3600));
            List<Fixtures.Player> players = players(primary, "bouncer", 16);

            try (LiveStream stream = LiveStream.open(c, Tokens.player(players.get(0).externalRef()))) {
                stream.awaitOpen(Duration.ofSeconds(10));
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicInteger ok = new AtomicInteger();
                List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
                ExecutorService pool = Executors.newFixedThreadPool(16);
                for (int t = 0; t < 16; t++) {
                    int thread = t;
                    pool.submit(() -> {
                        for (int n = 0; running.get(); n++) {
                            Fixtures.Player p = players.get(thread);
                            Response r = post(four.get((thread + n) % 4), "/api/v1/bet-intents", Tokens.player(p.externalRef()),
                                    prediction(p, market, market.oddsVersionId().toString()), "bouncer-" + UUID.randomUUID());
                            if (r.status() == 201 || r.status() == 200) {
                                ok.incrementAndGet();
                            } else {
                                unexpected.add(r.status() + " " + r.body());
                            }
                        }
                        return null;
                    });
                }
                int maxServers = 0;
                int maxClients = 0;
                long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
                while (System.nanoTime() < until) {
                    int[] pools = bouncerPools(cluster.bouncerPort());
                    maxClients = Math.max(maxClients, pools[0]);
                    maxServers = Math.max(maxServers, pools[1]);
                    LocalProcesses.sleep(100);
                }
                String version = publishOdds(d, market, "1.70", "2.10");
                running.set(false);
                pool.shutdown();
                assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
                stream.await(line -> line.contains(version), Duration.ofSeconds(10));
                System.out.printf("PgBouncer: 4 instances (pool 20 each), %d predictions in 4 s by 16 clients; PgBouncer held"
                        + " up to %d client and %d server connections to the primary; the live stream through instance c"
                        + " carried an odds publish made on instance d%n", ok.get(), maxClients, maxServers);
                assertThat(unexpected).isEmpty();
                assertThat(ok.get()).isPositive();
                assertThat(maxServers).isBetween(1, 20);
                assertThat(maxClients).isGreaterThan(20);
            }
        } finally {
            c.close();
            d.close();
        }
    }

    @Test
    @Order(3)
    void thePrimaryLostUnderLoadLosesNoAcknowledgedPrediction() throws Exception {
        JdbcTemplate primary = cluster.primary();
        // markets that fall due around the kill: each must lock exactly once with one audit row, by one instance or other
        List<Fixtures.OpenMarket> due = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            due.add(Fixtures.openMarket(primary, Instant.now().plusSeconds(6 + 2L * i)));
        }
        Fixtures.OpenMarket market = Fixtures.openMarket(primary, Instant.now().plusSeconds(3600));
        Figures figures;
        try (LiveStream stream = LiveStream.open(a, Tokens.operator("live-watch"))) {
            stream.awaitOpen(Duration.ofSeconds(10));
            Figures f = failoverUnderLoad("fo1-", market);
            String version = publishOdds(b, market, "1.60", "2.30");
            long published = System.nanoTime();
            stream.await(line -> line.contains(version), Duration.ofSeconds(15));
            System.out.printf("live stream: after the failover an odds publish on instance b reached a subscriber of"
                    + " instance a in %d ms (reset sent: %s)%n", (System.nanoTime() - published) / 1_000_000,
                    stream.seen(line -> line.startsWith("event: reset") || line.startsWith("event:reset")));
            figures = f;
        }
        JdbcTemplate now = cluster.primary();
        awaitTrue(() -> due.stream().allMatch(m -> "LOCKED".equals(now.queryForObject(
                "SELECT status FROM markets WHERE id = ?", String.class, m.marketId()))), Duration.ofSeconds(60));
        for (Fixtures.OpenMarket m : due) {
            assertThat(now.queryForObject("SELECT count(*) FROM audit_logs WHERE target_id = ? AND action_name = 'MARKET_LOCKED'",
                    Integer.class, m.marketId())).as("lock audit rows of %s", m.marketId()).isEqualTo(1);
        }
        System.out.println("lifecycle job: 6 markets due around the kill, each locked once with one audit row");
        figures.assertTargets();
    }

    @Test
    @Order(4)
    void theOldPrimaryRejoinsAsAStandbyAndASecondFailoverGoesBack() throws Exception {
        String old = Cluster.other(primaryNode);
        long started = System.nanoTime();
        cluster.script(work.resolve("cluster.log"), "start", old);
        awaitTrue(() -> "secondary".equals(cluster.reportedState(old)), Duration.ofSeconds(120));
        long rejoined = System.nanoTime() - started;
        // everything acknowledged is on both nodes, once
        JdbcTemplate standby = cluster.node(old);
        Map<String, String> onPrimary = rows(cluster.primary(), "fo1-%");
        awaitTrue(() -> rows(standby, "fo1-%").equals(onPrimary), Duration.ofSeconds(30));
        System.out.printf("rejoin: %s back as a standby (pg_rewind) in %.1f s with the same %d predictions as the primary%n",
                old, rejoined / 1e9, onPrimary.size());

        Fixtures.OpenMarket market = Fixtures.openMarket(cluster.primary(), Instant.now().plusSeconds(3600));
        Figures back = failoverUnderLoad("fo2-", market);
        back.assertTargets();
        assertThat(primaryNode).isEqualTo(old);
        assertThat(rows(cluster.primary(), "fo1-%")).isEqualTo(onPrimary);
    }

    /**
     * The measured outcome of one failover. Times count from the kill (the end of {@code cluster.sh kill}); the database's
     * failover ends when the new primary answers through PgBouncer (the monitor's promotion plus the follower's
     * re-pointing of PgBouncer), readiness UP counts from then.
     */
    record Figures(String killed, long promotedMs, long dbFailoverMs, long gapMs, int refused503, List<String> unexpected,
                   int acknowledged, int rows, long[] readinessDownMs, long[] readinessUpMs) {

        void assertTargets() {
            assertThat(unexpected).as("answers other than 2xx or a 503 DATABASE_UNAVAILABLE problem").isEmpty();
            assertThat(rows).as("rows = acknowledged keys").isEqualTo(acknowledged);
            for (int i = 0; i < 2; i++) {
                assertThat(readinessDownMs[i]).as("readiness DOWN after the kill (ms), instance %d", i).isBetween(0L,
                        READINESS_BOUND.toMillis());
                assertThat(readinessUpMs[i]).as("readiness UP after the new primary answers through PgBouncer (ms), instance %d", i)
                        .isLessThanOrEqualTo(READINESS_BOUND.toMillis());
            }
            assertThat(gapMs).as("seconds without a successful prediction vs the database's failover + 2 s")
                    .isLessThanOrEqualTo(dbFailoverMs + SERVICE_MARGIN.toMillis());
        }
    }

    /**
     * Eight clients post predictions (unique keys, alternating instances, retrying a refused one with the same key and
     * body until it is acknowledged, as the web client does); after 4 s the primary's node is killed; the load goes on
     * until predictions have flowed again for 4 s. Then every acknowledged prediction must be on the new primary,
     * once, and at most one accepted per player on the market.
     */
    private Figures failoverUnderLoad(String prefix, Fixtures.OpenMarket market) throws Exception {
        JdbcTemplate primary = cluster.primary();
        List<Fixtures.Player> players = players(primary, prefix, 8);
        List<ServiceInstance> two = List.of(a, b);
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> successes = new ConcurrentLinkedQueue<>();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        Timeline timeline = new Timeline();
        ExecutorService pool = Executors.newFixedThreadPool(8 + 3);
        List<java.util.concurrent.Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Fixtures.Player p = players.get(t);
            int thread = t;
            clients.add(pool.submit(() -> {
                int attempt = thread;
                while (running.get()) {
                    String key = prefix + UUID.randomUUID();
                    String body = prediction(p, market, market.oddsVersionId().toString());
                    while (true) {
                        int instance = attempt++ % 2;
                        long sent = System.nanoTime();
                        Response r = post(two.get(instance), "/api/v1/bet-intents", Tokens.player(p.externalRef()), body, key);
                        long answered = System.nanoTime();
                        timeline.add(sent, "client " + thread, "→ " + "ab".charAt(instance) + ": " + r.status() + " "
                                + code(r) + " after " + (answered - sent) / 1_000_000 + " ms");
                        if (r.status() == 201 || r.status() == 200) {
                            acknowledged.put(key, r.json().get("id").asString());
                            successes.add(System.nanoTime());
                            break;
                        }
                        if (r.status() == 503 && r.body().contains("DATABASE_UNAVAILABLE")) {
                            refused.incrementAndGet();
                        } else {
                            unexpected.add(r.status() + " " + r.body());
                        }
                        LocalProcesses.sleep(200);
                    }
                    LocalProcesses.sleep(10);
                }
                return null;
            }));
        }
        LocalProcesses.sleep(4_000);
        String victim = primaryNode;
        String survivor = Cluster.other(victim);
        long[] downAt = {-1, -1};
        long[] upAt = {-1, -1};
        AtomicLong promotedAt = new AtomicLong(-1);
        AtomicLong reachableAt = new AtomicLong(-1);
        AtomicBoolean watching = new AtomicBoolean(true);
        // readiness of both instances every 50 ms, from the kill on
        pool.submit(() -> {
            while (watching.get()) {
                for (int i = 0; i < 2; i++) {
                    int status = two.get(i).readiness();
                    long t = System.nanoTime();
                    if (downAt[i] < 0 && status != 200 && watching.get()) {
                        downAt[i] = t;
                    } else if (downAt[i] >= 0 && upAt[i] < 0 && status == 200) {
                        upAt[i] = t;
                    }
                }
                LocalProcesses.sleep(50);
            }
            return null;
        });
        // PgBouncer's pools, servers and clients every 200 ms, when they change
        pool.submit(() -> {
            String last = "";
            while (watching.get()) {
                long t = System.nanoTime();
                String now = bouncerState(cluster.bouncerPort());
                if (!now.equals(last)) {
                    timeline.add(t, "pgbouncer", now);
                    last = now;
                }
                LocalProcesses.sleep(200);
            }
            return null;
        });
        long killStart = System.nanoTime();
        cluster.script(work.resolve("cluster.log"), "kill", victim);
        long killDone = System.nanoTime();
        timeline.add(killDone, "test", "kill of " + victim + " done (cluster.sh kill: SIGKILL of its pg_autoctl tree, took "
                + (killDone - killStart) / 1_000_000 + " ms)");
        // the database's own failover: until the monitor reports the standby as the new (wait_)primary, and then until
        // that primary answers through PgBouncer
        awaitTrue(() -> {
            String state = cluster.reportedState(survivor);
            if (state.equals("wait_primary") || state.equals("primary")) {
                promotedAt.set(System.nanoTime());
                return true;
            }
            return false;
        }, Duration.ofSeconds(120), 20);
        awaitTrue(() -> {
            if (cluster.primaryThroughBouncer()) {
                reachableAt.set(System.nanoTime());
                return true;
            }
            return false;
        }, Duration.ofSeconds(60), 20);
        primaryNode = survivor;
        awaitTrue(() -> upAt[0] > 0 && upAt[1] > 0, Duration.ofSeconds(60));
        awaitTrue(() -> successes.stream().filter(t -> t > promotedAt.get()).count() > 0, Duration.ofSeconds(60));
        LocalProcesses.sleep(4_000);
        running.set(false);
        for (var c : clients) {
            c.get(120, TimeUnit.SECONDS);
        }
        watching.set(false);
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        // from the kill to the acknowledgment that ends the longest pause after it (a prediction in flight at the kill
        // can still be acknowledged just after it)
        long backAt = backAfter(successes, killDone);
        long gap = backAt - killDone;
        timeline.add(promotedAt.get(), "test", "the monitor reports " + survivor + " as " + cluster.reportedState(survivor));
        timeline.add(reachableAt.get(), "test", "a write through PgBouncer succeeds (the database's failover ends)");
        for (int i = 0; i < 2; i++) {
            timeline.add(downAt[i], "test", "readiness of " + "ab".charAt(i) + " DOWN");
            timeline.add(upAt[i], "test", "readiness of " + "ab".charAt(i) + " UP");
        }
        timeline.add(backAt, "test", "predictions back: the acknowledgment that ends the outage");
        // the pool's connection adder and the live listener; PgBouncer's server side and its reloads
        for (String s : new String[] {"a", "b"}) {
            timeline.addLog(work.resolve("instance-" + s + ".log"), "service " + s, Timeline::serviceTime,
                    line -> line.contains("onnection-adder]") || line.contains("live-listener]"));
        }
        timeline.addLog(cluster.logFile("pgbouncer.log"), "pgbouncer", Timeline::bouncerTime,
                line -> line.contains(" S-0x") || line.contains("RELOAD"));
        timeline.addLog(cluster.logFile("follow.log"), "follower", Timeline::followerTime, line -> true);
        String trace = timeline.print(killDone, killDone - 300_000_000L, backAt + 300_000_000L);
        Files.writeString(work.resolve(prefix + "timeline.txt"), trace);
        System.out.printf("timeline of the failover (ms from the end of the kill; also in %s):%n%s",
                work.resolve(prefix + "timeline.txt"), trace);
        JdbcTemplate now = cluster.primary();
        Map<String, String> rows = rows(now, prefix + "%");
        assertThat(rows).as("every acknowledged prediction on the new primary, with the id it was acknowledged with")
                .containsAllEntriesOf(acknowledged);
        Integer maxAccepted = now.queryForObject("""
                SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM bet_intents
                WHERE market_id = ? AND accepted GROUP BY user_id) per_player""", Integer.class, market.marketId());
        assertThat(maxAccepted).as("accepted predictions per player and market").isLessThanOrEqualTo(1);
        long[] downMs = {Math.max(0, downAt[0] - killDone) / 1_000_000, Math.max(0, downAt[1] - killDone) / 1_000_000};
        long[] upMs = {(upAt[0] - reachableAt.get()) / 1_000_000, (upAt[1] - reachableAt.get()) / 1_000_000};
        Figures f = new Figures(victim, (promotedAt.get() - killDone) / 1_000_000, (reachableAt.get() - killDone) / 1_000_000,
                gap / 1_000_000, refused.get(), List.copyOf(unexpected), acknowledged.size(), rows.size(), downMs, upMs);
        System.out.printf("failover (%s killed: its pg_autoctl tree, SIGKILL): the monitor reported %s as the new primary after"
                        + " %.1f s, it answered through PgBouncer after %.1f s (the database's failover); %.1f s without a"
                        + " successful prediction; %d answers 503 DATABASE_UNAVAILABLE (retried with the same key); %d other"
                        + " answers; %d acknowledged, %d rows, none lost or doubled; readiness DOWN %d / %d ms after the kill,"
                        + " UP %d / %d ms after the new primary answered through PgBouncer%n",
                victim, survivor, f.promotedMs() / 1e3, f.dbFailoverMs() / 1e3, f.gapMs() / 1e3, f.refused503(),
                f.unexpected().size(), f.acknowledged(), f.rows(), downMs[0], downMs[1], upMs[0], upMs[1]);
        return f;
    }

    /** The acknowledgment that ends the longest pause between two acknowledgments, among those after {@code kill}. */
    private static long backAfter(java.util.Collection<Long> acknowledgedAt, long kill) {
        List<Long> sorted = acknowledgedAt.stream().sorted().toList();
        long back = -1;
        long longest = -1;
        for (int i = 1; i < sorted.size(); i++) {
            long pause = sorted.get(i) - Math.max(sorted.get(i - 1), kill);
            if (sorted.get(i) > kill && pause > longest) {
                longest = pause;
                back = sorted.get(i);
            }
        }
        assertThat(back).as("an acknowledgment after the kill").isPositive();
        return back;
    }

    private static Map<String, String> rows(JdbcTemplate jdbc, String keyPattern) {
        Map<String, String> rows = new HashMap<>();
        AtomicInteger count = new AtomicInteger();
        jdbc.query("SELECT idempotency_key, id::text FROM bet_intents WHERE idempotency_key LIKE ?", rs -> {
            rows.put(rs.getString(1), rs.getString(2));
            count.incrementAndGet();
        }, keyPattern);
        assertThat(count.get()).as("rows = distinct keys").isEqualTo(rows.size());
        return rows;
    }

    private static List<Fixtures.Player> players(JdbcTemplate jdbc, String prefix, int n) {
        List<Fixtures.Player> players = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            players.add(Fixtures.player(jdbc, prefix + i + "-" + UUID.randomUUID(), "control"));
        }
        return players;
    }

    private static String prediction(Fixtures.Player p, Fixtures.OpenMarket m, String oddsVersionId) {
        return String.format("""
                {"sessionId":"%s","marketId":"%s","outcomeId":"%s","oddsVersionId":"%s","clientSentAt":"%s"}""",
                p.sessionId(), m.marketId(), m.yesOutcomeId(), oddsVersionId, Instant.now());
    }

    private static String publishOdds(ServiceInstance s, Fixtures.OpenMarket m, String yes, String no) {
        Response r = post(s, "/admin/v1/markets/" + m.marketId() + "/odds", OPERATOR, """
                {"prices":[{"outcomeCode":"YES","decimalOdds":%s},{"outcomeCode":"NO","decimalOdds":%s}]}""".formatted(yes, no),
                null);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    /**
     * Client connections (active + waiting) and server connections of the reveal pool, from PgBouncer's console (psql:
     * the console refuses the parameters pgjdbc sets at login).
     */
    private static int[] bouncerPools(int port) throws Exception {
        Process p = new ProcessBuilder("psql", "-A", "-F", ",", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres",
                "-d", "pgbouncer", "-c", "SHOW POOLS").redirectErrorStream(true).start();
        String[] lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        List<String> header = List.of(lines[0].split(","));
        int clients = 0;
        int servers = 0;
        for (String line : lines) {
            String[] f = line.split(",");
            if (f.length == header.size() && "reveal".equals(f[0])) {
                for (String column : List.of("cl_active", "cl_waiting")) {
                    clients += Integer.parseInt(f[header.indexOf(column)]);
                }
                for (String column : List.of("sv_active", "sv_idle", "sv_used", "sv_tested", "sv_login")) {
                    servers += Integer.parseInt(f[header.indexOf(column)]);
                }
            }
        }
        return new int[] {clients, servers};
    }

    /** The problem's code of a refusal, or nothing. */
    private static String code(Response r) {
        int at = r.body().indexOf("\"code\":\"");
        return at < 0 || r.status() < 300 ? "" : r.body().substring(at + 8, r.body().indexOf('"', at + 8));
    }

    /** PgBouncer's reveal pool, its server connections by state and port, its client connections by state. */
    private static String bouncerState(int port) throws Exception {
        Process p = new ProcessBuilder("psql", "-A", "-F", ",", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres",
                "-d", "pgbouncer", "-c", "SHOW POOLS", "-c", "SHOW SERVERS", "-c", "SHOW CLIENTS").redirectErrorStream(true).start();
        String[] lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "console did not answer";
        }
        List<String> header = List.of();
        String pools = "";
        Map<String, Integer> servers = new java.util.TreeMap<>();
        Map<String, Integer> clients = new java.util.TreeMap<>();
        for (String line : lines) {
            String[] f = line.split(",", -1);
            if (line.startsWith("database,") || line.startsWith("type,")) {
                header = List.of(f);
            } else if (f.length == header.size() && header.get(0).equals("database") && "reveal".equals(f[0])) {
                StringBuilder b = new StringBuilder();
                for (String c : List.of("cl_active", "cl_waiting", "sv_active", "sv_idle", "sv_used", "sv_tested", "sv_login",
                        "maxwait")) {
                    b.append(c).append('=').append(f[header.indexOf(c)]).append(' ');
                }
                pools = b.toString().trim();
            } else if (f.length == header.size() && header.get(0).equals("type") && "reveal".equals(f[header.indexOf("database")])) {
                String state = f[header.indexOf("state")];
                if ("S".equals(f[0])) {
                    servers.merge(state + "@" + f[header.indexOf("port")], 1, Integer::sum);
                } else {
                    clients.merge(state, 1, Integer::sum);
                }
            }
        }
        return "pool: " + pools + "; servers " + servers + "; clients " + clients;
    }

    record Response(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private static Response get(ServiceInstance s, String path, String token) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(s.baseUrl() + path)).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return send(r.build());
    }

    private static Response post(ServiceInstance s, String path, String token, String body, String idempotencyKey) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(s.baseUrl() + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            r.header("Idempotency-Key", idempotencyKey);
        }
        return send(r.build());
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Response(0, "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout) {
        awaitTrue(condition, timeout, 100);
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout, long pollMillis) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            LocalProcesses.sleep(pollMillis);
        }
    }

    /** A Server-Sent Events subscription whose lines are collected by a thread of its own. */
    static final class LiveStream implements AutoCloseable {

        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean open = new AtomicBoolean();
        private final Thread reader;
        private volatile InputStream body;

        private LiveStream(ServiceInstance s, String token) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(s.baseUrl() + "/api/v1/stream?locale=en"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
            reader = new Thread(() -> {
                try {
                    HttpResponse<InputStream> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
                    body = r.body();
                    open.set(r.statusCode() == 200);
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                        for (String line; (line = in.readLine()) != null; ) {
                            lines.add(line);
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    // closed
                }
            }, "live-stream-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static LiveStream open(ServiceInstance s, String token) {
            return new LiveStream(s, token);
        }

        void awaitOpen(Duration timeout) {
            awaitTrue(open::get, timeout);
        }

        void await(java.util.function.Predicate<String> line, Duration timeout) {
            awaitTrue(() -> seen(line), timeout, 50);
        }

        boolean seen(java.util.function.Predicate<String> line) {
            synchronized (lines) {
                return lines.stream().anyMatch(line);
            }
        }

        @Override
        public void close() throws IOException {
            if (body != null) {
                body.close();
            }
            reader.interrupt();
        }
    }
}
