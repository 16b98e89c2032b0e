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
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
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
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The benchmark: {@code ./mvnw -q -Pbench verify}. Starts the packaged service as a child process on a fresh
 * embedded PostgreSQL, loads content, runs every scenario and its baseline against the same database, prints a
 * table and writes it as JSON under {@code target/bench/}. Options are system properties ({@code -Dbench.x=..}),
 * listed in {@link Options}.
 */
public final class Bench {

    private final Options o;
    private final ServiceProcess service;
    private final TokenMinter tokens = new TokenMinter(SigningKey.configured(ServiceProcess.SECRET));
    private final Map<String, String> playerTokens = new ConcurrentHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private List<Market> markets;
    private List<Player> players;
    private final String loadBefore = loadAverage();

    record Row(Load.Result result, String baseline, Double ratio, String target, double peakRssMb) {
    }

    /** Every knob, with defaults sized for a full run of about ten minutes on two cores. */
    record Options(double serviceWarmup, double warmup, double duration, int clients, int analyticsClients, int players, int markets,
                   int settleIntents, int intentsPerFixturePlayer, int readers, String java, String jvmOptions,
                   List<String> scenarios, String label, List<String> serviceArgs) {

        static Options fromSystemProperties() {
            return new Options(dbl("bench.service-warmup", 60),
                    dbl("bench.warmup", 5), dbl("bench.duration", 20), integer("bench.clients", 64),
                    integer("bench.analytics-clients", 16), integer("bench.players", 2000), integer("bench.markets", 50),
                    integer("bench.settle-intents", 1_000_000), integer("bench.intents-per-fixture-player", 4),
                    integer("bench.readers", 1000),
                    System.getProperty("bench.java", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                    System.getProperty("bench.jvm-options", "-Xms64m -Xmx320m -XX:+UseSerialGC -Xss512k "
                            + "-XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m -XX:+ExitOnOutOfMemoryError"),
                    List.of(System.getProperty("bench.scenarios", "predictions,feed,analytics,settlement").split(",")),
                    System.getProperty("bench.label", "run"),
                    List.of(System.getProperty("bench.service-args", "").split("\\s+")).stream()
                            .filter(s -> !s.isBlank()).toList());
        }

        private static double dbl(String name, double dflt) {
            return Double.parseDouble(System.getProperty(name, Double.toString(dflt)));
        }

        private static int integer(String name, int dflt) {
            return Integer.parseInt(System.getProperty(name, Integer.toString(dflt)));
        }
    }

    private Bench(Options o, ServiceProcess service) {
        this.o = o;
        this.service = service;
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.fromSystemProperties();
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        Files.createDirectories(out);
        Path jar = Path.of(System.getProperty("bench.jar", "target/reveal.jar"));
        Path log = out.resolve("service-" + o.label() + ".log");
        String javaVersion = javaVersion(o.java());
        System.out.printf("Reveal benchmark '%s': service on %s (%s), %s; %d cores (%s), load %s; %.0f s warm-up + %.0f s per scenario%n",
                o.label(), javaVersion, o.java(), o.jvmOptions(), Runtime.getRuntime().availableProcessors(), cpuModel(),
                loadAverage(), o.warmup(), o.duration());
        long started = System.nanoTime();
        try (ServiceProcess service = ServiceProcess.start(jar, o.java(), o.jvmOptions(), o.serviceArgs(), log)) {
            System.out.printf("service pid %d ready on :%d (database :%d) after %.1f s%n", service.pid(),
                    service.httpPort, service.dbPort, (System.nanoTime() - started) / 1e9);
            Bench bench = new Bench(o, service);
            bench.load();
            bench.warmUpService();
            if (o.scenarios().contains("predictions")) {
                bench.predictions();
            }
            if (o.scenarios().contains("feed")) {
                bench.feed();
            }
            if (o.scenarios().contains("analytics")) {
                bench.analytics();
            }
            if (o.scenarios().contains("settlement")) {
                bench.settlement();
            }
            String table = bench.table(javaVersion);
            System.out.println(table);
            Path json = out.resolve("bench-" + o.label() + ".json");
            Files.writeString(json, bench.json(javaVersion));
            Files.writeString(out.resolve("bench-" + o.label() + ".txt"), table);
            System.out.printf("wrote %s; full run %.0f s%n", json, (System.nanoTime() - started) / 1e9);
        }
        System.exit(0);
    }

    private Connection db() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return DriverManager.getConnection(service.jdbcUrl(), p);
    }

    private void load() throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = db()) {
            markets = Content.openMarkets(c, o.markets());
            players = Content.players(c, o.players());
            Content.eventTypes(c);
        }
        players.forEach(p -> playerTokens.put(p.ref(), tokens.mint(p.ref(), false, Duration.ofHours(3))));
        System.out.printf("loaded %d open markets and %d players with sessions in %.1f s%n", markets.size(),
                players.size(), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Not measured: every endpoint under load until the service's JIT has compiled its hot paths. Without it the
     * first scenario measured a half-interpreted JVM (on two busy cores C2 needs tens of seconds).
     */
    private void warmUpService() throws Exception {
        if (o.serviceWarmup() <= 0) {
            return;
        }
        long t0 = System.nanoTime();
        double each = o.serviceWarmup() / 3;
        String token = playerTokens.get(players.get(0).ref());
        Load.run("warm-up predictions", o.clients(), 0, each, c -> predictionClient(c, 0.2));
        Load.run("warm-up feed", o.clients(), 0, each / 2, c -> {
            RawHttp http = client();
            return () -> {
                get(http, "/api/v1/feed?locale=en", token, null);
                return 0;
            };
        });
        Load.run("warm-up analytics", o.analyticsClients(), 0, each, c -> analyticsClient(c, 10));
        Load.run("warm-up history", o.clients(), 0, each / 2, c -> {
            RawHttp http = client();
            Player p = players.get(c);
            return () -> {
                get(http, "/api/v1/me/bet-intents", playerTokens.get(p.ref()), null);
                return 0;
            };
        });
        // the settle path too, on a small market of its own, so the timed settle does not measure class loading
        Market small;
        try (Connection c = db()) {
            small = Content.settlementFixture(c, 1000, 4, List.of(), "warmup");
        }
        String operator = tokens.mint("bench-operator", true, Duration.ofHours(3));
        String path = "/admin/v1/markets/" + small.marketId() + "/settlement";
        try (RawHttp admin = client()) {
            expect(post(admin, path, operator, null, "{\"winningOutcomeCode\":\"YES\"}"), 201);
            for (int i = 0; i < 20; i++) {
                expect(admin.send("PUT", path, operator, null, null, "{\"winningOutcomeCode\":\""
                        + (i % 2 == 0 ? "NO" : "YES") + "\",\"reason\":\"warm-up\"}"), 200);
            }
        }
        System.out.printf("service warmed up in %.0f s (not measured)%n", (System.nanoTime() - t0) / 1e9);
    }

    // ---- scenario 1: predictions -------------------------------------------------------------------------------

    private void predictions() throws Exception {
        Load.Result baseline = Load.run("baseline: JDBC single-row INSERT", o.clients(), o.warmup(), o.duration(),
                this::jdbcInsertClient);
        add(baseline, null, null, "");
        Load.Result unique = Load.run("predictions (unique keys)", o.clients(), o.warmup(), o.duration(),
                c -> predictionClient(c, 0.0));
        add(unique, "JDBC inserts", unique.rowsPerSecond() / baseline.rowsPerSecond(), ">= 2.0x rows/s, p99 <= 50 ms");
        Load.Result replays = Load.run("predictions (20% replayed keys)", o.clients(), o.warmup(), o.duration(),
                c -> predictionClient(c, 0.2));
        add(replays, "JDBC inserts", replays.opsPerSecond() / baseline.opsPerSecond(), ">= 2.0x req/s, p99 <= 50 ms");
    }

    private List<Player> playersOf(int client) {
        List<Player> mine = new ArrayList<>();
        for (int i = client; i < players.size(); i += o.clients()) {
            mine.add(players.get(i));
        }
        return mine;
    }

    private Load.Op predictionClient(int client, double replayShare) {
        List<Player> mine = playersOf(client);
        SplittableRandom random = new SplittableRandom(client * 7919L + (long) (replayShare * 100));
        List<String[]> sent = new ArrayList<>();
        int[] next = {0};
        RawHttp http = client();
        return () -> {
            if (replayShare > 0 && !sent.isEmpty() && random.nextDouble() < replayShare) {
                String[] earlier = sent.get(random.nextInt(sent.size()));
                RawHttp.Response r = post(http, "/api/v1/bet-intents", earlier[0], earlier[1], earlier[2]);
                expect(r, 200);
                return 0;
            }
            Player p = mine.get(next[0]++ % mine.size());
            Market m = markets.get(random.nextInt(markets.size()));
            String key = "bench-" + Ids.newId();
            String body = """
                    {"sessionId":"%s","marketId":"%s","outcomeId":"%s","oddsVersionId":"%s","clientSentAt":"%s","acceptOdds":"ANY"}"""
                    .formatted(p.sessionId(), m.marketId(), random.nextBoolean() ? m.yes() : m.no(), m.oddsVersionId(),
                            Instant.now().truncatedTo(ChronoUnit.MILLIS));
            String token = playerTokens.get(p.ref());
            RawHttp.Response r = post(http, "/api/v1/bet-intents", token, key, body);
            expect(r, 201);
            if (sent.size() < 2000) {
                sent.add(new String[] {token, key, body});
            }
            return 1;
        };
    }

    /** The baseline: the same rows, one INSERT per row and one commit each (autocommit), one connection per client. */
    private Load.Op jdbcInsertClient(int client) {
        List<Player> mine = playersOf(client);
        SplittableRandom random = new SplittableRandom(client);
        Connection c;
        PreparedStatement ps;
        try {
            c = db();
            ps = c.prepareStatement("""
                    INSERT INTO bet_intents (id, user_id, session_id, event_id, market_id, outcome_id, idempotency_key,
                        client_sent_at, server_received_at, accepted, acceptance_code, accepted_odds_version_id,
                        seen_odds_version_id, accept_odds)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, false, 'ODDS_CHANGED', NULL, ?, 'ANY')""");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        int[] next = {0};
        return () -> {
            Player p = mine.get(next[0]++ % mine.size());
            Market m = markets.get(random.nextInt(markets.size()));
            Timestamp now = Timestamp.from(Instant.now());
            ps.setObject(1, Ids.newId());
            ps.setObject(2, p.userId());
            ps.setObject(3, p.sessionId());
            ps.setObject(4, m.eventId());
            ps.setObject(5, m.marketId());
            ps.setObject(6, random.nextBoolean() ? m.yes() : m.no());
            ps.setString(7, "jdbc-" + Ids.newId());
            ps.setTimestamp(8, now);
            ps.setTimestamp(9, now);
            ps.setObject(10, m.oddsVersionId());
            return ps.executeUpdate();
        };
    }

    // ---- scenario 2: feed --------------------------------------------------------------------------------------

    private void feed() throws Exception {
        String token = playerTokens.get(players.get(0).ref());
        RawHttp.Response first;
        try (RawHttp http = client()) {
            first = get(http, "/api/v1/feed?locale=en", token, null);
        }
        expect(first, 200);
        String etag = first.etag();
        Load.Result feed = Load.run("feed (half with matching ETag)", o.clients(), o.warmup(), o.duration(), client -> {
            String mine = playerTokens.get(players.get(client % players.size()).ref());
            boolean conditional = client % 2 == 1;
            RawHttp http = client();
            return () -> {
                RawHttp.Response r = get(http, "/api/v1/feed?locale=en", mine, conditional ? etag : null);
                if (r.status() != (conditional ? 304 : 200)) {
                    throw new IllegalStateException("feed answered " + r.status());
                }
                return 0;
            };
        });
        add(feed, null, null, ">= 10,000 req/s, p99 <= 20 ms");
    }

    // ---- scenario 3: analytics ---------------------------------------------------------------------------------

    private static final int BATCH = 100;
    private static final int ATTRIBUTES = 5;

    private void analytics() throws Exception {
        Load.Result copy = Load.run("baseline: raw COPY (100 events + 500 attributes per tx)", o.analyticsClients(),
                o.warmup(), o.duration(), this::copyClient);
        add(copy, null, null, "");
        Load.Result analytics = Load.run("analytics (batches of 100 events x 5 attributes)", o.analyticsClients(),
                o.warmup(), o.duration(), c -> analyticsClient(c, BATCH));
        add(analytics, "COPY", analytics.rowsPerSecond() / copy.rowsPerSecond(), ">= 0.5x COPY rows/s");
    }

    private Load.Op analyticsClient(int client, int batch) {
        String occurredAt = DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        List<Player> mine = playersOf(client);
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
        return () -> {
            Player p = mine.get(next[0]++ % mine.size());
            String body = "{\"sessionId\":\"" + p.sessionId() + "\",\"events\":" + eventsJson + "}";
            RawHttp.Response r = post(http, "/api/v1/analytics/events", playerTokens.get(p.ref()), null, body);
            expect(r, 202);
            if (!r.body().contains("\"accepted\":" + batch)) {
                throw new IllegalStateException("not all accepted: " + r.body());
            }
            return (long) batch * (1 + ATTRIBUTES);
        };
    }

    private Load.Op copyClient(int client) {
        List<Player> mine = playersOf(client);
        UUID[] types = new UUID[Content.EVENT_TYPES.size()];
        Connection c;
        CopyManager copy;
        try {
            c = db();
            try (var ps = c.prepareStatement("SELECT id, event_name FROM analytics_event_types WHERE event_name = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("text", Content.EVENT_TYPES.toArray()));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        types[Content.EVENT_TYPES.indexOf(rs.getString(2))] = rs.getObject(1, UUID.class);
                    }
                }
            }
            c.setAutoCommit(false);
            copy = c.unwrap(PGConnection.class).getCopyAPI();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String occurredAt = OffsetDateTime.now(ZoneOffset.UTC).toString();
        int[] next = {0};
        return () -> {
            Player p = mine.get(next[0]++ % mine.size());
            StringBuilder events = new StringBuilder();
            StringBuilder attributes = new StringBuilder();
            for (int i = 0; i < BATCH; i++) {
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
        };
    }

    // ---- scenario 4: settlement and results --------------------------------------------------------------------

    private void settlement() throws Exception {
        long t0 = System.nanoTime();
        List<Player> readers = players.subList(0, Math.min(o.readers(), players.size()));
        Market m;
        long intents;
        try (Connection c = db()) {
            c.setAutoCommit(true);
            m = Content.settlementFixture(c, o.settleIntents(), o.intentsPerFixturePlayer(), readers, "settle");
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM bet_intents WHERE market_id = '"
                    + m.marketId() + "'")) {
                rs.next();
                intents = rs.getLong(1);
            }
        }
        System.out.printf("settlement fixture: %,d intents in one locked market in %.1f s%n", intents,
                (System.nanoTime() - t0) / 1e9);
        String operator = tokens.mint("bench-operator", true, Duration.ofHours(3));
        String path = "/admin/v1/markets/" + m.marketId() + "/settlement";
        RawHttp admin = client();
        Load.Result settle = Load.timed("settle market (%,d intents)".formatted(intents), 1, () -> {
            expect(post(admin, path, operator, null, "{\"winningOutcomeCode\":\"YES\"}"), 201);
            return 0;
        });
        add(settle, null, null, "<= 50 ms");
        int[] flip = {0};
        Load.Result correct = Load.timed("correct settlement (%,d intents), 5 calls".formatted(intents), 5, () -> {
            String winner = flip[0]++ % 2 == 0 ? "NO" : "YES";
            expect(admin.send("PUT", path, operator, null, null,
                    "{\"winningOutcomeCode\":\"" + winner + "\",\"reason\":\"benchmark correction\"}"), 200);
            return 0;
        });
        add(correct, null, null, "<= 50 ms");
        Load.Result history = Load.run("history reads (%d players)".formatted(readers.size()), o.clients(),
                o.warmup(), o.duration(), client -> {
                    int[] next = {client};
                    RawHttp http = client();
                    return () -> {
                        Player p = readers.get(next[0] % readers.size());
                        next[0] += o.clients();
                        RawHttp.Response r = get(http, "/api/v1/me/bet-intents", playerTokens.get(p.ref()), null);
                        expect(r, 200);
                        return 0;
                    };
                });
        add(history, null, null, "p99 <= 20 ms");
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------------

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

    // ---- report --------------------------------------------------------------------------------------------------

    private void add(Load.Result r, String baseline, Double ratio, String target) {
        Row row = new Row(r, baseline, ratio, target, service.peakRssMb());
        rows.add(row);
        System.out.printf("  %-58s %10.0f ops/s %12.0f rows/s  p50 %7.2f  p95 %7.2f  p99 %7.2f ms  errors %d%s  RSS %.0f MB%n",
                r.name(), r.opsPerSecond(), r.rowsPerSecond(), r.percentileMillis(50), r.percentileMillis(95),
                r.percentileMillis(99), r.errors(), ratio == null ? "" : "  %.2fx %s".formatted(ratio, baseline),
                row.peakRssMb());
        if (r.firstError() != null) {
            System.out.println("    first error: " + r.firstError());
        }
    }

    private String table(String javaVersion) {
        StringBuilder t = new StringBuilder();
        t.append("\n| scenario | clients | req/s | rows/s | p50 ms | p95 ms | p99 ms | errors | vs baseline | target | peak RSS MB |\n");
        t.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n");
        for (Row row : rows) {
            Load.Result r = row.result();
            t.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.2f | %.2f | %.2f | %d | %s | %s | %.0f |%n",
                    r.name(), r.clients(), r.opsPerSecond(), r.rowsPerSecond(), r.percentileMillis(50),
                    r.percentileMillis(95), r.percentileMillis(99), r.errors(),
                    row.ratio() == null ? "" : String.format(Locale.ROOT, "%.2fx %s", row.ratio(), row.baseline()),
                    row.target(), row.peakRssMb()));
        }
        t.append(String.format(Locale.ROOT, "%nservice: %s, %s; service peak RSS (VmHWM) %.0f MB%n", javaVersion,
                o.jvmOptions(), service.peakRssMb()));
        t.append("load average before / after: ").append(loadBefore).append(" / ").append(loadAverage()).append('\n');
        return t.toString();
    }

    private String json(String javaVersion) {
        StringBuilder j = new StringBuilder("{\n");
        j.append("  \"label\": ").append(q(o.label())).append(",\n");
        j.append("  \"date\": ").append(q(Instant.now().toString())).append(",\n");
        j.append("  \"java\": ").append(q(javaVersion)).append(",\n");
        j.append("  \"jvmOptions\": ").append(q(o.jvmOptions())).append(",\n");
        j.append("  \"cores\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
        j.append("  \"cpu\": ").append(q(cpuModel())).append(",\n");
        j.append("  \"warmupSeconds\": ").append(o.warmup()).append(",\n");
        j.append("  \"durationSeconds\": ").append(o.duration()).append(",\n");
        j.append("  \"loadAverageBefore\": ").append(q(loadBefore)).append(",\n");
        j.append("  \"loadAverageAfter\": ").append(q(loadAverage())).append(",\n");
        j.append("  \"servicePeakRssMb\": ").append(fmt(service.peakRssMb())).append(",\n");
        j.append("  \"scenarios\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Load.Result r = row.result();
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", q(r.name()));
            f.put("clients", r.clients());
            f.put("requests", r.ops());
            f.put("requestsPerSecond", fmt(r.opsPerSecond()));
            f.put("rowsPerSecond", fmt(r.rowsPerSecond()));
            f.put("p50Ms", fmt(r.percentileMillis(50)));
            f.put("p95Ms", fmt(r.percentileMillis(95)));
            f.put("p99Ms", fmt(r.percentileMillis(99)));
            f.put("maxMs", fmt(r.percentileMillis(100)));
            f.put("errors", r.errors());
            f.put("baseline", row.baseline() == null ? "null" : q(row.baseline()));
            f.put("ratio", row.ratio() == null ? "null" : fmt(row.ratio()));
            f.put("target", q(row.target()));
            f.put("peakRssMb", fmt(row.peakRssMb()));
            j.append("    {");
            j.append(String.join(", ", f.entrySet().stream().map(e -> q(e.getKey()) + ": " + e.getValue()).toList()));
            j.append(i == rows.size() - 1 ? "}\n" : "},\n");
        }
        return j.append("  ]\n}\n").toString();
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "null" : String.format(Locale.ROOT, "%.3f", d);
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The machine's 1/5/15-minute load: the benchmark shares two cores with whatever else runs. */
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
