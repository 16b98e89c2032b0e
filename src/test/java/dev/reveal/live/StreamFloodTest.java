package dev.reveal.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.reveal.platform.Ids;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Streams opened and closed in floods while messages are published (issue 13: two threads wrote one response's
 * headers, logging NullPointerExceptions in Tomcat's MimeHeaders and dropping connections), and many streams held
 * open while the feed is read (memory and feed latency). Prints its figures.
 */
class StreamFloodTest extends IntegrationTest {

    private static final int SHORT_STREAMS = Integer.getInteger("reveal.flood.short-streams", 4_000);
    private static final int AT_ONCE = 100;
    private static final int OPEN_STREAMS = Integer.getInteger("reveal.flood.open-streams", 2_000);

    @Autowired
    LiveHub hub;

    @Autowired
    MeterRegistry meters;

    @Test
    void thousandsOfShortStreamsWhileMessagesFlowAllGetTheirHelloAndNothingFaults() throws Exception {
        ListAppender<ILoggingEvent> logs = captureWarnings();
        String token = Tokens.player("flood-short");
        ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
        AtomicLong sequence = new AtomicLong(3_000_000_000L);
        UUID event = Ids.newId();
        publisher.scheduleAtFixedRate(() -> hub.dispatch(new Notice(sequence.incrementAndGet(), Notice.Kind.EVENT, event,
                null, null, "OPEN")), 0, 25, TimeUnit.MILLISECONDS);
        ExecutorService clients = Executors.newFixedThreadPool(AT_ONCE);
        long started = System.nanoTime();
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < SHORT_STREAMS; i++) {
                answers.add(clients.submit(() -> shortStream(token)));
            }
            List<String> failures = new ArrayList<>();
            for (Future<String> f : answers) {
                String failure = f.get(60, TimeUnit.SECONDS);
                if (failure != null) {
                    failures.add(failure);
                }
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            List<String> faults = logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)
                            || String.valueOf(e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getClassName())
                                    .contains("NullPointerException")
                            || e.getFormattedMessage().contains("MimeHeader") || e.getFormattedMessage().contains("No converter"))
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getClassName()))
                    .toList();
            System.out.printf("stream flood: %d short streams, %d at a time, messages every 25 ms: %d failed, %d faults"
                    + " logged, %d ms%n", SHORT_STREAMS, AT_ONCE, failures.size(), faults.size(), ms);
            assertThat(failures).as("streams without a 200 and their hello").isEmpty();
            assertThat(faults).as("errors logged while streams opened and closed").isEmpty();
        } finally {
            publisher.shutdownNow();
            clients.shutdownNow();
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        }
    }

    @Test
    void thousandsOfOpenStreamsLeaveTheFeedFast() throws Exception {
        String player = Tokens.player("flood-feed-reader");
        long[] before = feedLatencies(player, 200);
        long rssBefore = rssKb();
        long heapBefore = heapAfterGcKb();
        int subscribersBefore = LiveMeters.subscribers(meters);
        List<Socket> streams = new ArrayList<>();
        String token = Tokens.player("flood-open");
        long opening = System.nanoTime();
        try {
            for (int i = 0; i < OPEN_STREAMS; i++) {
                streams.add(openStream(token));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> LiveMeters.subscribers(meters) >= subscribersBefore + OPEN_STREAMS);
            long openedMs = (System.nanoTime() - opening) / 1_000_000;
            UUID event = Ids.newId();
            ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
            AtomicLong sequence = new AtomicLong(4_000_000_000L);
            publisher.scheduleAtFixedRate(() -> hub.dispatch(new Notice(sequence.incrementAndGet(), Notice.Kind.EVENT,
                    event, null, null, "OPEN")), 0, 250, TimeUnit.MILLISECONDS);
            long[] during;
            try {
                during = feedLatencies(player, 200);
            } finally {
                publisher.shutdownNow();
            }
            long rssDuring = rssKb();
            long heapDuring = heapAfterGcKb();
            System.out.printf("open streams: %d opened in %d ms; RSS %d MB -> %d MB (%.1f KB per stream, heap in use after"
                            + " a GC %.1f KB per stream); feed p50/p99/max "
                            + "%.1f/%.1f/%.1f ms before, %.1f/%.1f/%.1f ms with the streams open and a message to each every 250 ms%n",
                    OPEN_STREAMS, openedMs, rssBefore / 1024, rssDuring / 1024, (rssDuring - rssBefore) / (double) OPEN_STREAMS,
                    (heapDuring - heapBefore) / (double) OPEN_STREAMS,
                    pct(before, 50), pct(before, 99), pct(before, 100), pct(during, 50), pct(during, 99), pct(during, 100));
            assertThat(pct(during, 99)).as("feed p99 ms with %d streams open", OPEN_STREAMS).isLessThan(1_000);
            // not the subscriber gauge: a short stream of the other test may still have been counted before these opened
            Map<String, Long> endedSoFar = LiveMeters.ended(meters);
            assertThat(streams.stream().filter(StreamFloodTest::closedByServer).count())
                    .as("streams the server closed (streams ended so far, by reason: %s)", endedSoFar).isZero();
        } finally {
            for (Socket s : streams) {
                s.close();
            }
        }
    }

    private String shortStream(String token) {
        try (Socket socket = openStream(token)) {
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[4096];
            while (!seen.toString().contains("event:hello")) {
                int n = in.read(buf);
                if (n < 0) {
                    return "closed before hello: " + seen;
                }
                seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            return seen.toString().startsWith("HTTP/1.1 200") ? null : "no 200: " + seen;
        } catch (IOException e) {
            return e.toString();
        }
    }

    private Socket openStream(String token) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(20_000);
        socket.getOutputStream().write(("GET /api/v1/stream?locale=en HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Reads what has arrived; true when the server has ended the stream. */
    private static boolean closedByServer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            while (in.available() > 0) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
            socket.setSoTimeout(1);
            return in.read(buf) < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private long[] feedLatencies(String token, int n) {
        long[] ms = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            assertThat(api.as(token).get("/api/v1/feed?locale=en").send().status()).isEqualTo(200);
            ms[i] = System.nanoTime() - t;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static double pct(long[] sortedNanos, int p) {
        int i = Math.min(sortedNanos.length - 1, (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, i)] / 1e6;
    }

    private static long heapAfterGcKb() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / 1024;
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static ListAppender<ILoggingEvent> captureWarnings() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return appender;
    }
}
