package dev.reveal.live;

import dev.reveal.platform.Ids;
import dev.reveal.platform.security.SigningKey;
import dev.reveal.platform.security.TokenMinter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live streams at scale (issue 16), measured from outside: starts {@code target/reveal.jar} as a child process (so
 * its RSS is the service's alone), opens N streams from this process over raw NIO sockets (one selector thread),
 * publishes odds through the operator API once a second, and prints the service's RSS and threads, the fan-out
 * latency from the publish request to each stream's receipt (an upper bound of "from commit": it includes the
 * publish request's own time), and the feed's latency while the streams are open. No assertions: it prints figures.
 *
 * <pre>
 * ./mvnw -q -B package -DskipTests
 * ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * ./mvnw -q -B test-compile
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) -Dstreams=10000 \
 *     [-Dservice.java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java] [-Dservice.jvm="-Xss256k"] \
 *     [-Dservice.args="--server.tomcat.max-connections=12000"] [-Dpublishes=20] [-Dhistogram=true] dev.reveal.live.StreamsAtScale
 * </pre>
 *
 * <p>The service must accept more connections than there are streams ({@code server.tomcat.max-connections}), or the
 * publish and the feed reader wait in the accept queue. Each side needs a file descriptor per stream: 10,000 streams
 * fit the usual hard limit of 20,000 ({@code ulimit -n}; raise the soft limit in the shell that starts this, the service
 * inherits it).
 */
public final class StreamsAtScale {

    static final String SECRET = "reveal-streams-at-scale-hmac-secret-0123456789";
    private static final Pattern VERSION = Pattern.compile("\"versionNo\":(\\d+)");

    private final int streams = Integer.getInteger("streams", 10_000);
    private final int publishes = Integer.getInteger("publishes", 20);
    private final String java = System.getProperty("service.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    private final String jvm = System.getProperty("service.jvm", "");
    private final Path jar = Path.of(System.getProperty("service.jar", "target/reveal.jar"));

    /** receipt nanos per publish (versionNo), one slot per stream. */
    private final ConcurrentHashMap<Integer, long[]> receipts = new ConcurrentHashMap<>();
    private final AtomicInteger hellos = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        new StreamsAtScale().run();
    }

    private void run() throws Exception {
        Path log = Files.createTempFile("reveal-streams-", ".log");
        Path dataDir = Files.createTempDirectory("reveal-streams-");
        int httpPort = freePort();
        int dbPort = freePort();
        List<String> command = new ArrayList<>(List.of(java));
        if (!jvm.isBlank()) {
            command.addAll(Arrays.asList(jvm.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + httpPort, "--reveal.data.dir=" + dataDir,
                "--reveal.database.embedded.port=" + dbPort, "--reveal.database.embedded.clean=true"));
        String extra = System.getProperty("service.args", "");
        if (!extra.isBlank()) {
            command.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("REVEAL_AUTH_HMAC_SECRET", SECRET);
        pb.environment().put("REVEAL_LOG_FORMAT", "");
        Process service = pb.start();
        String base = "http://localhost:" + httpPort;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            awaitReady(http, base, service, log);
            System.out.printf("service: %s %s, pid %d, log %s%n", java, jvm, service.pid(), log);
            Market market;
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/postgres", "postgres", "")) {
                market = market(c);
            }
            TokenMinter tokens = new TokenMinter(SigningKey.configured(SECRET));
            String player = tokens.mint("scale-feed-reader", false, Duration.ofHours(2));
            String operator = tokens.mint("scale-operator", true, Duration.ofHours(2));
            String oddsPath = base + "/admin/v1/markets/" + market.id + "/odds";
            // warm-up (not measured): the feed, a publish, one stream
            for (int i = 0; i < 300; i++) {
                get(http, base + "/api/v1/feed?locale=en", player);
            }
            int version = 2;
            publish(http, oddsPath, operator, version++);
            long[] feedBefore = feed(http, base, player, 300);
            double rssBefore = statusKb(service.pid(), "VmRSS:") / 1024.0;

            Selector selector = Selector.open();
            AtomicBoolean reading = new AtomicBoolean(true);
            List<SocketChannel> channels = new ArrayList<>();
            String request = "GET /api/v1/stream?locale=en HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                    + "Authorization: Bearer " + tokens.mint("scale-player", false, Duration.ofHours(2)) + "\r\n\r\n";
            Thread reader = new Thread(() -> readAll(selector, reading), "streams-reader");
            long opening = System.nanoTime();
            for (int i = 0; i < streams; i++) {
                SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", httpPort));
                ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_READ, new Conn(i));
                channels.add(ch);
                if (i == 0) {
                    reader.start();
                }
                selector.wakeup();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (hellos.get() < streams && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            double openedS = (System.nanoTime() - opening) / 1e9;
            System.out.printf("streams: %d requested, %d said hello in %.1f s%n", streams, hellos.get(), openedS);

            // odds once a second while one client reads the feed back to back
            List<long[]> published = new ArrayList<>();
            AtomicBoolean feeding = new AtomicBoolean(true);
            List<Long> feedDuring = new ArrayList<>();
            Thread feedReader = new Thread(() -> {
                while (feeding.get()) {
                    long t = System.nanoTime();
                    get(http, base + "/api/v1/feed?locale=en", player);
                    synchronized (feedDuring) {
                        feedDuring.add(System.nanoTime() - t);
                    }
                    sleep(20);
                }
            }, "feed-reader");
            feedReader.start();
            long publishMax = 0;
            for (int i = 0; i < publishes; i++) {
                int v = version++;
                receipts.put(v, new long[streams]);
                long t0 = System.nanoTime();
                publish(http, oddsPath, operator, v);
                publishMax = Math.max(publishMax, System.nanoTime() - t0);
                published.add(new long[] {v, t0});
                sleep(1000);
            }
            sleep(3000);
            feeding.set(false);
            feedReader.join();
            double rssDuring = statusKb(service.pid(), "VmRSS:") / 1024.0;
            double hwm = statusKb(service.pid(), "VmHWM:") / 1024.0;
            long threads = statusKb(service.pid(), "Threads:");

            List<Long> lat = new ArrayList<>();
            long missing = 0;
            for (long[] p : published) {
                long[] got = receipts.get((int) p[0]);
                for (long r : got) {
                    if (r == 0) {
                        missing++;
                    } else {
                        lat.add(r - p[1]);
                    }
                }
            }
            long[] fan = lat.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] during;
            synchronized (feedDuring) {
                during = feedDuring.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            System.out.printf("RSS of the service: %.0f MB before the streams, %.0f MB with %d open (%.1f KB per stream), "
                            + "peak %.0f MB; %d threads%n", rssBefore, rssDuring, hellos.get(),
                    (rssDuring - rssBefore) * 1024 / Math.max(1, hellos.get()), hwm, threads);
            System.out.printf("fan-out (publish request sent -> odds received) over %d publishes x %d streams: "
                            + "p50/p99/max %.0f/%.0f/%.0f ms, %d not received, publish request max %.0f ms, %d closed by the server%n",
                    publishes, streams, pct(fan, 50), pct(fan, 99), pct(fan, 100), missing, publishMax / 1e6,
                    closedByServer.get());
            System.out.printf("feed p50/p99/max: %.1f/%.1f/%.1f ms before the streams (%d reads), "
                            + "%.1f/%.1f/%.1f ms with them open and odds every second (%d reads)%n",
                    pct(feedBefore, 50), pct(feedBefore, 99), pct(feedBefore, 100), feedBefore.length,
                    pct(during, 50), pct(during, 99), pct(during, 100), during.length);
            HttpResponse<String> fanOut = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/reveal.live.fan-out"))
                    .header("Authorization", "Bearer " + operator).build(), HttpResponse.BodyHandlers.ofString());
            System.out.println("the service's own fan-out timer (notice in -> written to every stream): " + fanOut.body());
            if (Boolean.getBoolean("histogram")) {
                jcmd(service.pid(), "GC.class_histogram").lines().limit(40).forEach(System.out::println);
            }
            if (jvm.contains("NativeMemoryTracking")) {
                System.out.println(jcmd(service.pid(), "VM.native_memory", "summary"));
            }
            reading.set(false);
            selector.wakeup();
            for (SocketChannel ch : channels) {
                ch.close();
            }
        } finally {
            service.destroy();
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    private static final class Conn {
        final int index;
        final StringBuilder pending = new StringBuilder();

        Conn(int index) {
            this.index = index;
        }
    }

    private void readAll(Selector selector, AtomicBoolean reading) {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        try {
            while (reading.get()) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Conn conn = (Conn) key.attachment();
                    SocketChannel ch = (SocketChannel) key.channel();
                    buf.clear();
                    int n;
                    try {
                        n = ch.read(buf);
                    } catch (IOException e) {
                        n = -1;
                    }
                    long now = System.nanoTime();
                    if (n < 0) {
                        closedByServer.incrementAndGet();
                        key.cancel();
                        continue;
                    }
                    conn.pending.append(new String(buf.array(), 0, n, StandardCharsets.UTF_8));
                    int end;
                    while ((end = conn.pending.indexOf("\n\n")) >= 0) {
                        String event = conn.pending.substring(0, end);
                        conn.pending.delete(0, end + 2);
                        if (event.contains("event:hello")) {
                            hellos.incrementAndGet();
                        } else if (event.contains("event:odds")) {
                            Matcher m = VERSION.matcher(event);
                            if (m.find()) {
                                long[] slots = receipts.get(Integer.parseInt(m.group(1)));
                                if (slots != null) {
                                    slots[conn.index] = now;
                                }
                            }
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Market(UUID id) {
    }

    private static Market market(Connection c) throws SQLException {
        Instant lockAt = Instant.now().plus(1, ChronoUnit.DAYS);
        UUID key = Ids.newId();
        update(c, "INSERT INTO localization_keys (id, key_name, description) VALUES (?, 'scale.q', 'scale')", key);
        update(c, "INSERT INTO localization_values (id, localization_key_id, locale_code, text_value) VALUES (?, ?, 'en', 'Goal?')",
                Ids.newId(), key);
        UUID event = Ids.newId();
        update(c, """
                INSERT INTO events (id, sport_type, source_ref, title_en, title_sv, status, preview_start_ms, preview_end_ms,
                    reveal_start_ms, reveal_end_ms, lock_at, settle_at)
                VALUES (?, 'FOOTBALL', 'scale', 'Scale', 'Skala', 'OPEN', 0, 8000, 8000, 15000, ?, ?)
                """, event, Timestamp.from(lockAt), Timestamp.from(lockAt.plus(1, ChronoUnit.HOURS)));
        UUID market = Ids.newId();
        update(c, "INSERT INTO markets (id, event_id, question_key, market_type, status, lock_at) VALUES (?, ?, 'scale.q', 'YES_NO', 'OPEN', ?)",
                market, event, Timestamp.from(lockAt));
        UUID yes = Ids.newId();
        UUID no = Ids.newId();
        update(c, "INSERT INTO outcomes (id, market_id, outcome_code, label_key, sort_order) VALUES (?, ?, 'YES', 'scale.q', 0)", yes, market);
        update(c, "INSERT INTO outcomes (id, market_id, outcome_code, label_key, sort_order) VALUES (?, ?, 'NO', 'scale.q', 1)", no, market);
        UUID version = Ids.newId();
        update(c, "INSERT INTO odds_versions (id, market_id, version_no, created_at, is_current) VALUES (?, ?, 1, now(), true)", version, market);
        update(c, "INSERT INTO outcome_odds (id, odds_version_id, outcome_id, decimal_odds, fractional_num, fractional_den) VALUES (?, ?, ?, 1.80, 4, 5)",
                Ids.newId(), version, yes);
        update(c, "INSERT INTO outcome_odds (id, odds_version_id, outcome_id, decimal_odds, fractional_num, fractional_den) VALUES (?, ?, ?, 2.00, 1, 1)",
                Ids.newId(), version, no);
        return new Market(market);
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    /** Alternates the YES price so every publish is a new version; the version number tags the stream message. */
    private static void publish(HttpClient http, String url, String operator, int version) throws Exception {
        String body = "{\"prices\":[{\"outcomeCode\":\"YES\",\"decimalOdds\":" + (version % 2 == 0 ? "1.8" : "1.9")
                + "},{\"outcomeCode\":\"NO\",\"decimalOdds\":2.0}]}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + operator)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 || !r.body().contains("\"versionNo\":" + version)) {
            throw new IllegalStateException("publish " + version + ": " + r.statusCode() + " " + r.body());
        }
    }

    private static long[] feed(HttpClient http, String base, String token, int n) {
        long[] ns = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            get(http, base + "/api/v1/feed?locale=en", token);
            ns[i] = System.nanoTime() - t;
        }
        Arrays.sort(ns);
        return ns;
    }

    private static void get(HttpClient http, String url, String token) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + ": " + r.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitReady(HttpClient http, String base, Process service, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("not ready; see " + log);
    }

    private String jcmd(long pid, String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of(Path.of(java).resolveSibling("jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        return new String(new ProcessBuilder(line).redirectErrorStream(true).start().getInputStream().readAllBytes());
    }

    private static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static double pct(long[] sortedNanos, int p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int i = Math.min(sortedNanos.length - 1, (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, i)] / 1e6;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
