package dev.reveal.bench;

import dev.reveal.bench.Content.Market;
import dev.reveal.bench.Content.Player;
import dev.reveal.platform.Ids;
import dev.reveal.platform.security.SigningKey;
import dev.reveal.platform.security.TokenMinter;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The benchmark: {@code ./mvnw -q -Pbench verify}. Starts the packaged service as a child process on a fresh
 * database (embedded PostgreSQL 17, or the server of {@code SPRING_DATASOURCE_URL}), loads content, measures every
 * scenario and its yardstick on the same database the same way ({@link Ladder}), prints a table and writes it as
 * JSON under {@code target/bench/}. Options: {@link Options}, docs/perf.md.
 */
public final class Bench {

    private final Options o;
    private final BenchService service;
    private final Ladder ladder;
    private final Report report = new Report();
    private final TokenMinter tokens = new TokenMinter(SigningKey.configured(BenchService.SECRET));
    private final Map<String, String> playerTokens = new ConcurrentHashMap<>();
    private final String operator;
    private final String loadBefore = loadAverage();
    private List<Market> feedMarkets;
    private List<Player> players;

    private Bench(Options o, BenchService service, Cpu cpu) {
        this.o = o;
        this.service = service;
        this.ladder = new Ladder(o, cpu);
        this.operator = tokens.mint("bench-operator", true, Duration.ofHours(6));
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.fromSystemProperties();
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        Files.createDirectories(out);
        Path jar = Path.of(System.getProperty("bench.jar", "target/reveal.jar"));
        Path log = out.resolve("service-" + o.label() + ".log");
        String javaVersion = javaVersion(o.java());
        System.out.printf(Locale.ROOT, "Reveal benchmark '%s'%s: service on %s (%s), %s; %d cores (%s), load %s%n",
                o.label(), o.quick() ? " (QUICK: figures mean nothing)" : "", javaVersion, o.java(), o.jvmOptions(),
                Runtime.getRuntime().availableProcessors(), cpuModel(), loadAverage());
        System.out.printf(Locale.ROOT, "each side: %.0f s warm-up, %.0f s closed-loop at %d clients, then open-model steps of %.0f+%.0f s "
                + "from %.2fx its throughput up by %.2fx until p99 > %.0f ms%n", o.warmup(), o.duration(), o.clients(),
                o.stepWarmup(), o.stepDuration(), o.ladderStart(), o.ladderFactor(), o.p99BoundMs());
        long started = System.nanoTime();
        try (BenchService service = BenchService.start(jar, o.java(), o.jvmOptions(), o.serviceArgs(), log)) {
            String database;
            long postmaster;
            try (Connection c = service.connect(); var rs = c.createStatement().executeQuery(
                    "SELECT version(), current_setting('data_directory', true)")) {
                rs.next();
                database = rs.getString(1);
                postmaster = rs.getString(2) == null ? -1 : Cpu.postmasterPid(rs.getString(2));
            }
            System.out.printf("service pid %d ready on :%d after %.1f s; %s (%s, postmaster pid %d)%n", service.pid(),
                    service.httpPort, (System.nanoTime() - started) / 1e9, service.databaseDescription(), database, postmaster);
            Bench bench = new Bench(o, service, new Cpu(service.pid(), postmaster));
            bench.load();
            bench.warmUpJit();
            bench.attempt("predictions", bench::predictions);
            bench.attempt("feed", bench::feed);
            bench.attempt("analytics", bench::analytics);
            bench.attempt("settlement", bench::settlement);
            bench.attempt("live", bench::live);
            String table = bench.report.table() + String.format(Locale.ROOT,
                    "%nservice: %s, %s; %s; service peak RSS (VmHWM) %.0f MB; load average before / after: %s / %s%n",
                    javaVersion, o.jvmOptions(), database, service.peakRssMb(), bench.loadBefore, loadAverage());
            System.out.println(table);
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("label", o.label());
            header.put("quick", o.quick());
            header.put("date", Instant.now().toString());
            header.put("java", javaVersion);
            header.put("jvmOptions", o.jvmOptions());
            header.put("serviceArgs", String.join(" ", o.serviceArgs()));
            header.put("database", database);
            header.put("databaseUrl", service.databaseDescription());
            header.put("cores", Runtime.getRuntime().availableProcessors());
            header.put("cpu", cpuModel());
            header.put("options", o.toString());
            header.put("loadAverageBefore", bench.loadBefore);
            header.put("loadAverageAfter", loadAverage());
            header.put("servicePeakRssMb", service.peakRssMb());
            Path json = out.resolve("bench-" + o.label() + ".json");
            Files.writeString(json, bench.report.json(header));
            Files.writeString(out.resolve("bench-" + o.label() + ".txt"), table);
            System.out.printf("wrote %s; full run %.0f s%n", json, (System.nanoTime() - started) / 1e9);
        }
        System.exit(0);
    }

    interface Scenario {
        void run() throws Exception;
    }

    /** Runs a scenario if selected; a failure is reported and the run goes on, unless the service died. */
    private void attempt(String name, Scenario scenario) {
        if (!o.runs(name)) {
            return;
        }
        if (!service.isAlive()) {
            report.note(name + ": not run, the service is gone");
            return;
        }
        try {
            scenario.run();
        } catch (Exception | AssertionError e) {
            report.verdict(name + " ran to the end", "failed: " + e + (service.isAlive() ? ""
                    : "; the service process died (see the end of its log " + "target/bench/service-" + o.label() + ".log)"),
                    false);
        }
    }

    private Connection db() throws Exception {
        return service.connect();
    }

    private void load() throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = db()) {
            Content.labels(c);
            feedMarkets = Content.openMarkets(c, o.feedMarkets(), "feed");
            players = Content.players(c, o.players());
            Content.eventTypes(c);
        }
        players.forEach(p -> playerTokens.put(p.ref(), tokens.mint(p.ref(), false, Duration.ofHours(6))));
        System.out.printf("loaded %d open markets and %d players with sessions in %.1f s%n", feedMarkets.size(),
                players.size(), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * JIT warm-up of both JVMs before anything is measured ({@code bench.jit-warmup}): the service's prediction and
     * read paths for half of it, and the driver's own JDBC insert paths (the baselines' code) for the other half, on
     * throwaway markets; then the database is settled like before every side. Without it the first service side
     * measured a half-interpreted JVM (C2 still compiling ~100 methods/s after 30 s on two busy cores). The database
     * state it leaves is the same for every side; each side still gets its own {@code bench.warmup}.
     */
    private void warmUpJit() throws Exception {
        if (o.jitWarmup() <= 0) {
            return;
        }
        long t0 = System.nanoTime();
        double quarter = o.jitWarmup() / 4;
        PredictionRows rows = new PredictionRows(players, newMarkets("warmup"), o.acceptedShare());
        Load.run("warm-up predictions", o.clients(), 0, quarter, Load.of((c, of) -> predictionClient(rows, c, of, 0.2),
                o.clients()), cpuNone());
        Load.run("warm-up reads", o.clients(), 0, quarter, Load.of((c, of) -> {
            RawHttp http = client();
            String token = playerTokens.get(players.get(c % players.size()).ref());
            return Load.closing(http, () -> {
                get(http, c % 2 == 0 ? "/api/v1/feed?locale=en" : "/api/v1/me/bet-intents", token, null);
                return 0;
            });
        }, o.clients()), cpuNone());
        Load.run("warm-up single-row inserts", o.clients(), 0, quarter, Load.of((c, of) ->
                PredictionRows.singleRowInserts(db(), rows.picks(c, of, 4)), o.clients()), cpuNone());
        Load.run("warm-up batch inserts", o.clients(), 0, quarter, Load.of((c, of) ->
                PredictionRows.batchInserts(db(), rows.picks(c, of, 5), o.batchSize()), o.clients()), cpuNone());
        retire(rows);
        System.out.printf("service and driver JIT-warmed in %.0f s (not measured)%n", (System.nanoTime() - t0) / 1e9);
    }

    private static Cpu cpuNone() {
        return new Cpu(-1, -1);
    }

    // ---- predictions and their yardsticks ------------------------------------------------------------------------

    private List<Market> newMarkets(String prefix) throws Exception {
        try (Connection c = db()) {
            return Content.openMarkets(c, o.predictionMarkets(), prefix);
        }
    }

    private void retire(PredictionRows rows) throws Exception {
        try (Connection c = db()) {
            Content.retire(c, rows.markets());
        }
    }

    /**
     * Each side starts from the same database state: no dirty buffers from the previous side, fresh statistics.
     * Returns what the database has done so far ({@link DbWork}), read after the checkpoint.
     */
    private DbWork settleDatabase() throws Exception {
        try (Connection c = db()) {
            c.createStatement().execute("CHECKPOINT");
            c.createStatement().execute("VACUUM ANALYZE bet_intents");
            c.createStatement().execute("CHECKPOINT");
            DbWork.resetStatements(c);
            return DbWork.snapshot(c);
        } catch (java.sql.SQLException e) {
            System.out.println("  (could not CHECKPOINT / VACUUM between sides: " + e.getMessage() + ")");
            return null;
        }
    }

    /** The database's work per row of a side that has just ended (after the backends flushed their statistics). */
    private void dbWork(String side, DbWork before, PredictionRows rows) throws Exception {
        Thread.sleep(11_000);
        try (Connection c = db()) {
            c.createStatement().execute("CHECKPOINT");
            DbWork after = DbWork.snapshot(c);
            long n = Content.intents(c, rows.markets());
            report.note(side + ": " + (after == null ? "no database statistics" : after.perRow(before, n)));
            List<String> statements = DbWork.topStatements(c, 12);
            if (!statements.isEmpty()) {
                Path file = Path.of(System.getProperty("bench.out", "target/bench"),
                        "statements-" + side.replaceAll("[^A-Za-z0-9]+", "-") + "-" + o.label() + ".md");
                Files.write(file, statements);
                System.out.println(String.join("\n", statements));
            }
        }
    }

    /** One side of the predictions comparison: its own fresh markets, measured, its mix and database work noted. */
    private PredictionRows side(String prefix, String name, SideRun run) throws Exception {
        DbWork work = settleDatabase();
        PredictionRows rows = new PredictionRows(players, newMarkets(prefix), o.acceptedShare());
        ServiceMetrics metrics;
        try (RawHttp http = client()) {
            metrics = ServiceMetrics.read(http, operator);
            run.measure(rows);
            report.note(name + ": " + ServiceMetrics.read(http, operator).since(metrics));
        }
        mix(name, rows);
        dbWork(name, work, rows);
        return rows;
    }

    interface SideRun {
        void measure(PredictionRows rows) throws Exception;
    }

    /**
     * The two yardsticks and the two service sides, by default yardsticks first ({@code bench.predictions-order=
     * service-first} reverses it: later sides write into a larger table, so the lead can run both orders).
     */
    private void predictions() throws Exception {
        Ladder.Measured[] single = {null};
        Load.Result[] batch = {null};
        Ladder.Measured[] unique = {null};
        Ladder.Measured[] replays = {null};
        List<PredictionRows> all = new ArrayList<>();
        Scenario yardsticks = () -> {
            all.add(side("single", "single-row INSERT", rows -> single[0] = ladder.measure("baseline: single-row INSERT",
                    o.clients(), o.clients(), (c, of) -> PredictionRows.singleRowInserts(db(), rows.picks(c, of, 1)))));
            all.add(side("batch", "batch INSERT", rows -> batch[0] = ladder.saturation(
                    "baseline: %d-row INSERT (the table's limit)".formatted(o.batchSize()), o.clients(),
                    (c, of) -> PredictionRows.batchInserts(db(), rows.picks(c, of, 2), o.batchSize()))));
        };
        Scenario serviceSides = () -> {
            all.add(side("unique", "predictions (unique keys)", rows -> unique[0] = ladder.measure(
                    "predictions (unique keys)", o.clients(), o.connections(), (c, of) -> predictionClient(rows, c, of, 0.0))));
            all.add(side("replays", "predictions (20% replayed keys)", rows -> replays[0] = ladder.measure(
                    "predictions (20% replayed keys)", o.clients(), o.connections(),
                    (c, of) -> predictionClient(rows, c, of, 0.2))));
        };
        boolean serviceFirst = "service-first".equals(System.getProperty("bench.predictions-order"));
        if (serviceFirst) {
            serviceSides.run();
            yardsticks.run();
        } else {
            yardsticks.run();
            serviceSides.run();
        }
        double limit = batch[0].rowsPerSecond();
        double singleRate = single[0].saturation().rowsPerSecond();
        report.measured(single[0], o.clients(), o.p99BoundMs(), "", "", service.peakRssMb());
        report.saturation(batch[0], "", "", service.peakRssMb());
        report.measured(unique[0], o.connections(), o.p99BoundMs(), ratios(unique[0], limit, singleRate),
                ">= 0.5x batch, >= 1.5x single-row, p99 <= 50 ms", service.peakRssMb());
        report.measured(replays[0], o.connections(), o.p99BoundMs(), ratios(replays[0], limit, singleRate)
                + " (new rows only)", "", service.peakRssMb());
        double best = unique[0].bestRowsPerSecond();
        report.verdict("predictions >= 0.5x the batch-insert limit (rows/s) at p99 <= 50 ms",
                String.format(Locale.ROOT, "%.0f of %.0f rows/s = %.2fx", best, limit, best / limit)
                        + cpuForRate(unique[0].saturation(), 0.5 * limit, batch[0]), best >= 0.5 * limit);
        report.verdict("predictions >= 1.5x single-row INSERTs (rows/s) at p99 <= 50 ms",
                String.format(Locale.ROOT, "%.0f of %.0f rows/s = %.2fx", best, singleRate, best / singleRate),
                best >= 1.5 * singleRate);
        for (PredictionRows r : all) {
            retire(r);
        }
    }

    /**
     * Whether the machine has the CPU for a rate of predictions at all: the CPU per row each process spent when the
     * service was saturated, times the rate, against the cores; and the database's CPU per row in the batch yardstick.
     */
    private static String cpuForRate(Load.Result saturated, double rowsPerSecond, Load.Result batch) {
        Cpu.Usage cpu = saturated.cpu();
        if (!(cpu.service() >= 0) || saturated.rowsPerSecond() <= 0) {
            return "";
        }
        double perRow = 1000.0 / saturated.rowsPerSecond();
        double service = cpu.service() * perRow;
        double postgres = cpu.postgres() * perRow;
        double driver = cpu.driver() * perRow;
        double batchPostgres = batch.cpu().postgres() >= 0 ? batch.cpu().postgres() * 1000.0 / batch.rowsPerSecond() : Double.NaN;
        return String.format(Locale.ROOT, "; CPU per prediction at saturation: service %.3f + postgres %.3f + driver "
                + "%.3f ms (postgres per row of the 100-row yardstick: %.3f ms); %.0f rows/s would need %.1f cores of %d",
                service, postgres, driver, batchPostgres, rowsPerSecond, rowsPerSecond * (service + postgres + driver) / 1000,
                Runtime.getRuntime().availableProcessors());
    }

    private static String ratios(Ladder.Measured m, double limit, double single) {
        return String.format(Locale.ROOT, "%.2fx batch, %.2fx single-row (rows/s; saturated: %.2fx, %.2fx)",
                m.bestRowsPerSecond() / limit, m.bestRowsPerSecond() / single, m.saturation().rowsPerSecond() / limit,
                m.saturation().rowsPerSecond() / single);
    }

    /** The mix each side really wrote, from the table: it must be the same for every side. */
    private void mix(String side, PredictionRows rows) throws Exception {
        try (Connection c = db()) {
            report.note(String.format(Locale.ROOT, "%s: %.1f %% of its rows ACCEPTED (target mix %.0f %%)%s", side,
                    100 * Content.acceptedShare(c, rows.markets()), 100 * o.acceptedShare(),
                    rows.exhausted() == 0 ? "" : "; " + rows.exhausted() + " rows ran out of fresh pairs (raise bench.prediction-markets)"));
        }
    }

    private Load.Op predictionClient(PredictionRows rows, int client, int of, double replayShare) {
        PredictionRows.Picks picks = rows.picks(client, of, 3);
        SplittableRandom random = new SplittableRandom(client * 7919L + (long) (replayShare * 100));
        List<String[]> sent = new ArrayList<>();
        RawHttp http = client();
        return Load.closing(http, () -> {
            if (replayShare > 0 && !sent.isEmpty() && random.nextDouble() < replayShare) {
                String[] earlier = sent.get(random.nextInt(sent.size()));
                expect(post(http, "/api/v1/bet-intents", earlier[0], earlier[1], earlier[2]), 200);
                return 0;
            }
            PredictionRows.Pick p = picks.next();
            String key = UUID.randomUUID().toString();
            String body = PredictionRows.body(p);
            String token = playerTokens.get(p.player().ref());
            RawHttp.Response r = post(http, "/api/v1/bet-intents", token, key, body);
            expect(r, 201);
            String code = p.first() ? "\"ACCEPTED\"" : "\"ALREADY_PREDICTED\"";
            if (!r.body().contains(code)) {
                throw new IllegalStateException("expected " + code + " but got " + r.body());
            }
            if (sent.size() < 2000) {
                sent.add(new String[] {token, key, body});
            }
            return 1;
        });
    }

    // ---- feed, against the HTTP stack's own ceiling ------------------------------------------------------------

    private void feed() throws Exception {
        Ladder.Measured liveness = ladder.measure("liveness (the HTTP ceiling)", o.clients(), o.connections(),
                (c, of) -> {
                    RawHttp http = client();
                    return Load.closing(http, () -> {
                        expect(get(http, "/actuator/health/liveness", null, null), 200);
                        return 0;
                    });
                });
        report.measured(liveness, o.connections(), o.p99BoundMs(), "", "", service.peakRssMb());
        AtomicLong full = new AtomicLong();
        AtomicLong notModified = new AtomicLong();
        Ladder.Measured feed;
        try (OddsChurn churn = new OddsChurn(feedMarkets)) {
            feed = ladder.measure("feed (odds change every second)", o.clients(), o.connections(),
                    (c, of) -> feedClient(c, full, notModified));
            report.note(String.format(Locale.ROOT, "feed: %d odds publishes during it (%d failed); %.1f %% of feed answers were 304 "
                    + "(clients send the ETag they last saw)", churn.published.get(), churn.failed.get(),
                    100.0 * notModified.get() / Math.max(1, full.get() + notModified.get())));
        }
        double ceiling = liveness.best() == null ? liveness.saturation().opsPerSecond() : liveness.best().achievedPerSecond();
        double feedBest = feed.best() == null ? 0 : feed.best().achievedPerSecond();
        report.measured(feed, o.connections(), o.p99BoundMs(), String.format(Locale.ROOT, "%.2fx liveness (saturated: %.2fx)",
                feedBest / ceiling, feed.saturation().opsPerSecond() / liveness.saturation().opsPerSecond()),
                ">= 0.9x liveness, p99 <= 20 ms", service.peakRssMb());
        report.verdict("feed >= 0.9x the liveness ceiling, odds changing every second",
                String.format(Locale.ROOT, "%.0f of %.0f req/s = %.2fx (saturated: %.0f of %.0f)", feedBest, ceiling,
                        feedBest / ceiling, feed.saturation().opsPerSecond(), liveness.saturation().opsPerSecond()),
                feedBest >= 0.9 * ceiling);
        report.verdict("feed p99 <= 20 ms (closed loop, " + o.clients() + " clients)",
                String.format(Locale.ROOT, "%.2f ms", feed.saturation().percentileMillis(99))
                        + closedLoopFloor(feed.saturation(), 20), feed.saturation().percentileMillis(99) <= 20);
    }

    private Load.Op feedClient(int client, AtomicLong full, AtomicLong notModified) {
        String token = playerTokens.get(players.get(client % players.size()).ref());
        String[] etag = {null};
        RawHttp http = client();
        return Load.closing(http, () -> {
            RawHttp.Response r = get(http, "/api/v1/feed?locale=en", token, etag[0]);
            if (r.status() == 304) {
                notModified.incrementAndGet();
            } else if (r.status() == 200) {
                full.incrementAndGet();
                etag[0] = r.etag();
            } else {
                throw new IllegalStateException("feed answered " + r.status());
            }
            return 0;
        });
    }

    /** Publishes new odds on one of the given markets every second, in turn, through the operator API. */
    private final class OddsChurn implements AutoCloseable {
        final AtomicLong published = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        OddsChurn(List<Market> markets) {
            thread = new Thread(() -> {
                try (RawHttp http = client()) {
                    for (int i = 0; running; i++) {
                        Market m = markets.get(i % markets.size());
                        try {
                            RawHttp.Response r = post(http, "/admin/v1/markets/" + m.marketId() + "/odds", operator, null,
                                    oddsBody(i));
                            (r.status() == 201 ? published : failed).incrementAndGet();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                        Thread.sleep(1000);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "odds-churn");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(5000);
        }
    }

    private static String oddsBody(int i) {
        return String.format(Locale.ROOT, "{\"prices\":[{\"outcomeCode\":\"YES\",\"decimalOdds\":%.2f},"
                + "{\"outcomeCode\":\"NO\",\"decimalOdds\":%.2f}]}", 1.5 + (i % 50) / 100.0, 2.5 - (i % 50) / 100.0);
    }

    // ---- analytics -------------------------------------------------------------------------------------------------

    private static final int ATTRIBUTES = 5;

    private void analytics() throws Exception {
        settleDatabase();
        Ladder.Measured copy = ladder.measure("baseline: raw COPY (100 events + 500 attributes per tx)",
                o.analyticsClients(), o.analyticsClients(), (c, of) -> copyClient(c, of));
        report.measured(copy, o.analyticsClients(), o.p99BoundMs(), "", "", service.peakRssMb());
        settleDatabase();
        Ladder.Measured analytics = ladder.measure("analytics (batches of 100 events x 5 attributes)",
                o.analyticsClients(), o.analyticsClients(), (c, of) -> analyticsClient(c, of, 100));
        report.measured(analytics, o.analyticsClients(), o.p99BoundMs(), String.format(Locale.ROOT,
                "%.2fx COPY (saturated: %.2fx)", analytics.bestRowsPerSecond() / copy.saturation().rowsPerSecond(),
                analytics.saturation().rowsPerSecond() / copy.saturation().rowsPerSecond()), ">= 0.5x COPY rows/s",
                service.peakRssMb());
    }

    private List<Player> slice(int client, int of) {
        List<Player> mine = new ArrayList<>();
        for (int i = client % players.size(); i < players.size(); i += of) {
            mine.add(players.get(i));
        }
        return mine;
    }

    private Load.Op analyticsClient(int client, int of, int batch) {
        String occurredAt = DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        List<Player> mine = slice(client, of);
        StringBuilder events = new StringBuilder("[");
        for (int i = 0; i < batch; i++) {
            events.append(i == 0 ? "" : ",").append("{\"eventName\":\"")
                    .append(Content.EVENT_TYPES.get(i % Content.EVENT_TYPES.size()))
                    .append("\",\"occurredAt\":\"").append(occurredAt).append("\",\"attributes\":{");
            for (int a = 0; a < ATTRIBUTES; a++) {
                events.append(a == 0 ? "" : ",").append("\"attr").append(a).append("\":\"value-")
                        .append(i).append('-').append(a).append('"');
            }
            events.append("}}");
        }
        String eventsJson = events.append(']').toString();
        int[] next = {0};
        RawHttp http = client();
        return Load.closing(http, () -> {
            Player p = mine.get(next[0]++ % mine.size());
            String body = "{\"sessionId\":\"" + p.sessionId() + "\",\"events\":" + eventsJson + "}";
            RawHttp.Response r = post(http, "/api/v1/analytics/events", playerTokens.get(p.ref()), null, body);
            expect(r, 202);
            if (!r.body().contains("\"accepted\":" + batch)) {
                throw new IllegalStateException("not all accepted: " + r.body());
            }
            return (long) batch * (1 + ATTRIBUTES);
        });
    }

    private Load.Op copyClient(int client, int of) throws Exception {
        List<Player> mine = slice(client, of);
        UUID[] types = new UUID[Content.EVENT_TYPES.size()];
        Connection c = db();
        try (var ps = c.prepareStatement("SELECT id, event_name FROM analytics_event_types WHERE event_name = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", Content.EVENT_TYPES.toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    types[Content.EVENT_TYPES.indexOf(rs.getString(2))] = rs.getObject(1, UUID.class);
                }
            }
        }
        c.setAutoCommit(false);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        String occurredAt = OffsetDateTime.now(ZoneOffset.UTC).toString();
        int[] next = {0};
        return Load.closing(c, () -> {
            Player p = mine.get(next[0]++ % mine.size());
            StringBuilder events = new StringBuilder();
            StringBuilder attributes = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                UUID id = Ids.newId();
                events.append(id).append('\t').append(types[i % types.length]).append('\t').append(p.sessionId())
                        .append('\t').append(p.userId()).append('\t').append(occurredAt).append('\n');
                for (int a = 0; a < ATTRIBUTES; a++) {
                    attributes.append(Ids.newId()).append('\t').append(id).append("\tattr").append(a)
                            .append("\tvalue-").append(i).append('-').append(a).append('\n');
                }
            }
            long n = copy.copyIn("COPY analytics_events (id, analytics_event_type_id, session_id, user_id, occurred_at) "
                    + "FROM STDIN", new StringReader(events.toString()));
            n += copy.copyIn("COPY analytics_event_attributes (id, analytics_event_id, attribute_key, attribute_value) "
                    + "FROM STDIN", new StringReader(attributes.toString()));
            c.commit();
            return n;
        });
    }

    // ---- settlement, corrections and history reads ---------------------------------------------------------------

    private void settlement() throws Exception {
        long t0 = System.nanoTime();
        List<Player> readers = players.subList(0, Math.min(o.readers(), players.size()));
        Market m;
        long intents;
        try (Connection c = db()) {
            m = Content.settlementFixture(c, o.settleIntents(), o.intentsPerFixturePlayer(), readers, "settle");
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM bet_intents WHERE market_id = '"
                    + m.marketId() + "'")) {
                rs.next();
                intents = rs.getLong(1);
            }
        }
        System.out.printf("settlement fixture: %,d intents in one locked market in %.1f s%n", intents,
                (System.nanoTime() - t0) / 1e9);
        settleDatabase();
        String path = "/admin/v1/markets/" + m.marketId() + "/settlement";
        int[] calls = {0};
        try (RawHttp admin = client(); Connection c = db()) {
            Load.Op settle = () -> {
                expect(post(admin, path, operator, null, "{\"winningOutcomeCode\":\"YES\"}"), 201);
                return 0;
            };
            // the first settle of the run is not timed: it loads the classes of the path
            Load.Op reset = () -> {
                if (calls[0]++ > 0) {
                    unsettle(c, m);
                }
                return 0;
            };
            reset.call();
            settle.call();
            Load.Result settled = Load.timed("settle market (%,d intents), %d samples".formatted(intents, o.settleSamples()),
                    o.settleSamples(), reset, settle);
            report.saturation(settled, "", "p99 <= 50 ms", service.peakRssMb());
            settleStatements(c);
            report.verdict("settle at %,d intents: p99 <= 50 ms over %d samples".formatted(intents, o.settleSamples()),
                    String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms", settled.percentileMillis(50),
                            settled.percentileMillis(99)), settled.percentileMillis(99) <= 50);
            int[] flip = {0};
            Load.Result corrected = Load.timed("correct settlement (%,d intents), %d samples".formatted(intents,
                    o.settleSamples()), o.settleSamples(), () -> 0, () -> {
                        String winner = flip[0]++ % 2 == 0 ? "NO" : "YES";
                        expect(admin.send("PUT", path, operator, null, null,
                                "{\"winningOutcomeCode\":\"" + winner + "\",\"reason\":\"benchmark correction\"}"), 200);
                        return 0;
                    });
            report.saturation(corrected, "", "p99 <= 50 ms", service.peakRssMb());
            report.verdict("correct at %,d intents: p99 <= 50 ms over %d samples".formatted(intents, o.settleSamples()),
                    String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms", corrected.percentileMillis(50),
                            corrected.percentileMillis(99)), corrected.percentileMillis(99) <= 50);
        }
        Ladder.Measured history = ladder.measure("history reads (%d players)".formatted(readers.size()), o.clients(),
                o.connections(), (client, of) -> {
                    int[] next = {client};
                    RawHttp http = client();
                    return Load.closing(http, () -> {
                        Player p = readers.get(next[0] % readers.size());
                        next[0] += of;
                        expect(get(http, "/api/v1/me/bet-intents", playerTokens.get(p.ref()), null), 200);
                        return 0;
                    });
                });
        report.measured(history, o.connections(), o.p99BoundMs(), "", "p99 <= 20 ms at 64 clients", service.peakRssMb());
        report.verdict("history p99 <= 20 ms at " + o.clients() + " clients",
                String.format(Locale.ROOT, "%.2f ms at %.0f req/s", history.saturation().percentileMillis(99),
                        history.saturation().opsPerSecond()) + closedLoopFloor(history.saturation(), 20),
                history.saturation().percentileMillis(99) <= 20);
    }

    /**
     * What a closed loop allows at best: its clients wait for each other (Little's law), so the mean latency is
     * clients / throughput and a p99 under {@code p99Ms} needs at least clients / p99Ms requests per second, i.e. at
     * most that much CPU per request from the machine's cores (service, database and driver share them here).
     */
    private static String closedLoopFloor(Load.Result r, double p99Ms) {
        double meanMs = r.clients() * 1000.0 / r.opsPerSecond();
        double neededPerSecond = r.clients() * 1000.0 / p99Ms;
        int cores = Runtime.getRuntime().availableProcessors();
        Cpu.Usage cpu = r.cpu();
        String spent = !(cpu.service() >= 0) ? "" : String.format(Locale.ROOT, " (spent now: %.2f ms = service %.2f + "
                + "postgres %.2f + driver %.2f)", cpuMsPerOp(cpu.service() + cpu.postgres() + cpu.driver(), r),
                cpuMsPerOp(cpu.service(), r), cpuMsPerOp(cpu.postgres(), r), cpuMsPerOp(cpu.driver(), r));
        return String.format(Locale.ROOT, "; closed-loop floor: mean latency = %d clients / %.0f req/s = %.1f ms; "
                + "p99 <= %.0f ms needs >= %.0f req/s, at most %.2f ms of CPU per request on %d cores%s", r.clients(),
                r.opsPerSecond(), meanMs, p99Ms, neededPerSecond, cores * 1000.0 / neededPerSecond, cores, spent);
    }

    private static double cpuMsPerOp(double cores, Load.Result r) {
        return cores * 1000.0 / r.opsPerSecond();
    }

    /** The statements of the settles (and the resets between them), with bench.statements; pg_stat_statements reset after. */
    private void settleStatements(Connection c) throws Exception {
        List<String> statements = DbWork.topStatements(c, 25);
        if (!statements.isEmpty()) {
            Path file = Path.of(System.getProperty("bench.out", "target/bench"), "statements-settle-" + o.label() + ".md");
            Files.write(file, statements);
            System.out.println(String.join("\n", statements));
            DbWork.resetStatements(c);
        }
    }

    /**
     * Puts the settled market back to LOCKED, as before its settle (the settlement row removed, market and event
     * LOCKED again; audit rows stay), so the next sample settles a market of the same size.
     */
    private static void unsettle(Connection c, Market m) throws Exception {
        try (var s = c.prepareStatement("DELETE FROM settlements WHERE market_id = ?");
             var market = c.prepareStatement("UPDATE markets SET status = 'LOCKED' WHERE id = ?");
             var event = c.prepareStatement("UPDATE events SET status = 'LOCKED' WHERE id = ?")) {
            s.setObject(1, m.marketId());
            s.executeUpdate();
            market.setObject(1, m.marketId());
            market.executeUpdate();
            event.setObject(1, m.eventId());
            event.executeUpdate();
        }
    }

    // ---- live streams ------------------------------------------------------------------------------------------------

    private void live() throws Exception {
        Market market = feedMarkets.get(0);
        int version;
        try (Connection c = db(); var rs = c.createStatement().executeQuery(
                "SELECT max(version_no) FROM odds_versions WHERE market_id = '" + market.marketId() + "'")) {
            rs.next();
            version = rs.getInt(1);
        }
        double rssBefore = service.rssMb();
        long t0 = System.nanoTime();
        try (LiveStreams streams = new LiveStreams("localhost", service.httpPort); RawHttp http = client()) {
            int open = streams.open(o.streams(), o.streamWave(),
                    i -> tokens.mint("bench-stream-" + i, false, Duration.ofHours(6)));
            double rssOpen = service.rssMb();
            heapHistogram("live-heap-" + open + "-streams");
            report.note(String.format(Locale.ROOT, "live: %d of %d streams open after %.1f s (%d failed); service RSS %.0f MB "
                    + "before, %.0f MB with them open (%.1f KB per stream)", open, o.streams(), (System.nanoTime() - t0) / 1e9,
                    streams.failed(), rssBefore, rssOpen, open == 0 ? 0 : (rssOpen - rssBefore) * 1024 / open));
            Histogram fromSend = new Histogram(OpenLoad.HIGHEST_NANOS, 3);
            Histogram fromAnswer = new Histogram(OpenLoad.HIGHEST_NANOS, 3);
            long missed = 0;
            for (int i = 0; i < o.livePublishes(); i++) {
                LiveStreams.Fanout f = streams.expect(++version);
                RawHttp.Response r = post(http, "/admin/v1/markets/" + market.marketId() + "/odds", operator, null,
                        oddsBody(i));
                f.answeredNanos = System.nanoTime();
                expect(r, 201);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (f.received.get() < streams.greeted() - streams.failed() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(200); // stragglers and duplicates
                missed += Math.max(0, open - f.received.get());
                fromSend.add(f.fromSend);
                fromAnswer.add(f.fromAnswer());
                System.out.printf(Locale.ROOT, "    publish %d: %d of %d streams got it, p50 %.0f ms, p99 %.0f ms, max %.0f ms "
                        + "(from the publish request)%n", version, f.received.get(), open,
                        f.fromSend.getValueAtPercentile(50) / 1e6, f.fromSend.getValueAtPercentile(99) / 1e6,
                        f.fromSend.getMaxValue() / 1e6);
                Thread.sleep(1000);
            }
            double rssPeak = service.peakRssMb();
            report.add(new Report.Entry("live: odds fan-out to %d streams, %d publishes".formatted(open, o.livePublishes()),
                    "latency from publish request", Double.NaN, Double.NaN, ms(fromSend, 50), ms(fromSend, 99),
                    ms(fromSend, 99.9), missed, String.format(Locale.ROOT, "from the publish's answer: p50 %.0f, p99 %.0f ms",
                    ms(fromAnswer, 50), ms(fromAnswer, 99)), "10,000 streams, RSS <= 600 MB, p99 <= 1 s",
                    Cpu.Usage.UNKNOWN, rssPeak));
            report.verdict("live: %d streams open".formatted(o.streams()), open + " open", open >= o.streams());
            report.verdict("live: fan-out p99 <= 1 s from commit", String.format(Locale.ROOT,
                    "p99 between %.0f ms (from the publish's answer) and %.0f ms (from its request); %d receipts missed",
                    ms(fromAnswer, 99), ms(fromSend, 99), missed), ms(fromSend, 99) <= 1000 && missed == 0);
            report.verdict("live: service RSS <= 600 MB with the streams open", String.format(Locale.ROOT,
                    "%.0f MB with them open, peak %.0f MB", rssOpen, rssPeak), rssPeak <= 600);
            Load.Result feed = ladder.saturation("feed while %d streams are open".formatted(open), o.clients(),
                    (c, of) -> feedClient(c, new AtomicLong(), new AtomicLong()));
            report.saturation(feed, "", "p99 <= 20 ms", service.peakRssMb());
            report.verdict("feed p99 <= 20 ms while the streams are open", String.format(Locale.ROOT, "%.2f ms at %.0f req/s",
                    feed.percentileMillis(99), feed.opsPerSecond()) + closedLoopFloor(feed, 20),
                    feed.percentileMillis(99) <= 20);
        }
    }

    /**
     * What the service's heap holds, as {@code jcmd GC.class_histogram} of the service's own JDK sees it (a full
     * GC first), written under target/bench: where the memory per open stream goes.
     */
    private void heapHistogram(String name) {
        Path jcmd = Path.of(o.java()).resolveSibling("jcmd");
        if (!Files.isExecutable(jcmd)) {
            return;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(service.pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            List<String> all = new String(p.getInputStream().readAllBytes()).lines().toList();
            p.waitFor();
            List<String> lines = new ArrayList<>(all.subList(0, Math.min(40, all.size())));
            all.stream().filter(l -> l.startsWith("Total")).forEach(lines::add);
            Path file = Path.of(System.getProperty("bench.out", "target/bench"), name + "-" + o.label() + ".txt");
            Files.write(file, lines);
            lines.stream().filter(l -> l.startsWith("Total")).findFirst()
                    .ifPresent(total -> report.note(name + ": heap after a full GC " + total.trim() + " (" + file + ")"));
        } catch (Exception e) {
            System.out.println("    (no heap histogram: " + e + ")");
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------------

    private RawHttp client() {
        return new RawHttp("localhost", service.httpPort);
    }

    private static RawHttp.Response post(RawHttp http, String path, String token, String idempotencyKey, String body)
            throws Exception {
        return http.send("POST", path, token, idempotencyKey, null, body);
    }

    private static RawHttp.Response get(RawHttp http, String path, String token, String ifNoneMatch) throws Exception {
        return http.send("GET", path, token, null, ifNoneMatch, null);
    }

    private static void expect(RawHttp.Response r, int status) {
        if (r.status() != status) {
            String body = r.body();
            throw new IllegalStateException("expected " + status + " but got " + r.status() + ": "
                    + (body.length() > 300 ? body.substring(0, 300) : body));
        }
    }

    // ---- the machine -----------------------------------------------------------------------------------------------

    /** The machine's 1/5/15-minute load: the benchmark shares its cores with whatever else runs. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String javaVersion(String java) {
        try {
            Process p = new ProcessBuilder(java, "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            String version = Arrays.stream(out.split("\n")).map(String::trim)
                    .filter(l -> l.startsWith("java.runtime.version")).findFirst().orElse("? = ?");
            String vendor = Arrays.stream(out.split("\n")).map(String::trim)
                    .filter(l -> l.startsWith("java.vendor =")).findFirst().orElse("? = ?");
            return "JDK " + version.split("=")[1].trim() + " (" + vendor.split("=")[1].trim() + ")";
        } catch (Exception e) {
            return "unknown JDK";
        }
    }
}
