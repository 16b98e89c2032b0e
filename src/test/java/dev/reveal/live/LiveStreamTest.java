package dev.reveal.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reveal.RevealApplication;
import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.EventStatusChanged;
import dev.reveal.catalog.MarketStatus;
import dev.reveal.catalog.MarketStatusChanged;
import dev.reveal.odds.OddsPublished;
import dev.reveal.platform.Ids;
import dev.reveal.support.Fixtures;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.Tokens;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/** The player stream over real HTTP, with notices carried by PostgreSQL LISTEN/NOTIFY. */
class LiveStreamTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    ApplicationEventPublisher facts;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    LiveListener listener;

    @Autowired
    LiveHub hub;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void listening() {
        await().atMost(WAIT).until(() -> LiveMeters.listening(meters));
    }

    @Test
    void pushesEachKindOfChange() {
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
        Fixtures.Player alice = Fixtures.player(jdbc, "live-alice-" + UUID.randomUUID(), "control");
        try (SseClient stream = new SseClient(url(port), Tokens.player(alice.externalRef()), null)) {
            stream.await(msg -> "hello".equals(msg.type()), WAIT);

            inTransaction(new OddsPublished(m.marketId(), m.eventId(), m.oddsVersionId(), 1));
            SseClient.Message odds = stream.await(msg -> "odds".equals(msg.type()) && msg.data().contains(m.marketId().toString()), WAIT);
            assertThat(odds.id()).matches("\\d+");
            assertThat(odds.data()).contains(m.yesOutcomeId().toString(), "\"decimalOdds\":1.8", "\"fractional\":\"4/5\"");

            inTransaction(new MarketStatusChanged(m.marketId(), m.eventId(), MarketStatus.OPEN, MarketStatus.SUSPENDED));
            stream.await(msg -> "market".equals(msg.type()) && msg.data().contains("SUSPENDED"), WAIT);

            inTransaction(new EventStatusChanged(m.eventId(), EventStatus.OPEN, EventStatus.LOCKED));
            SseClient.Message locked = stream.await(msg -> "event".equals(msg.type()) && msg.data().contains("LOCKED"), WAIT);
            assertThat(locked.data()).contains("\"revealStartMs\":8000", "\"revealEndMs\":15000");

            predictAndSettle(alice, m);
            inTransaction(new MarketStatusChanged(m.marketId(), m.eventId(), MarketStatus.LOCKED, MarketStatus.SETTLED));
            SseClient.Message result = stream.await(msg -> "result".equals(msg.type()), WAIT);
            assertThat(result.data()).contains("\"result\":\"WON\"", m.yesOutcomeId().toString());
        }
    }

    /**
     * Issue 13: a correction reached nobody, and a result shared the id of its market message, so resuming from that
     * id lost the result. Settle and correct through the operator API: the predictor gets each result, a player who
     * did not predict sees the market change, every message has its own id, and a resume from the settled market's
     * id still brings that result before the correction.
     */
    @Test
    void aCorrectionReachesEveryViewInOrderAndEveryMessageHasItsOwnId() {
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().minusSeconds(1));
        Fixtures.Player alice = Fixtures.player(jdbc, "live-predictor-" + UUID.randomUUID(), "control");
        predict(alice, m);
        String marketId = m.marketId().toString();
        String operator = Tokens.operator("live-ops");
        String settledId;
        try (SseClient predictor = new SseClient(url(port), Tokens.player(alice.externalRef()), null);
                SseClient viewer = new SseClient(url(port), Tokens.player("live-viewer-" + UUID.randomUUID()), null)) {
            predictor.await(msg -> "hello".equals(msg.type()), WAIT);
            viewer.await(msg -> "hello".equals(msg.type()), WAIT);
            assertThat(api.as(operator).post("/admin/v1/markets/" + marketId + "/settlement",
                    java.util.Map.of("winningOutcomeCode", "YES")).send().status()).isEqualTo(201);
            predictor.await(msg -> "result".equals(msg.type()) && msg.data().contains("\"WON\""), WAIT);
            var correction = api.as(operator).post("/admin/v1/markets/" + marketId + "/settlement",
                    java.util.Map.of("winningOutcomeCode", "NO", "correction", true, "reason", "VAR")).send();
            assertThat(correction.status()).as(correction.toString()).isEqualTo(200);

            predictor.await(msg -> "result".equals(msg.type()) && msg.data().contains("\"LOST\""), WAIT);
            viewer.await(msg -> "market".equals(msg.type()) && msg.data().contains("\"corrected\":true"), WAIT);
            var mine = predictor.messages().stream().filter(msg -> msg.data().contains(marketId)).toList();
            assertThat(mine).extracting(SseClient.Message::type).containsExactly("market", "result", "market", "result");
            assertThat(mine.get(1).data()).contains("\"WON\"", m.yesOutcomeId().toString());
            assertThat(mine.get(2).data()).contains("\"corrected\":true", "\"status\":\"SETTLED\"");
            assertThat(mine.get(3).data()).contains("\"LOST\"", "\"winningOutcomeId\":\"" + m.noOutcomeId());
            assertThat(mine).extracting(SseClient.Message::id).doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(id).matches("\\d+"));
            assertThat(mine).extracting(msg -> Long.parseLong(msg.id())).isSorted();
            assertThat(viewer.count(msg -> "result".equals(msg.type()))).isZero();
            settledId = mine.get(0).id();
        }
        try (SseClient resumed = new SseClient(url(port), Tokens.player(alice.externalRef()), settledId)) {
            // the first replayed result already says LOST: wait for the correction's own result too
            await().atMost(WAIT).until(() -> resumed.count(msg -> "result".equals(msg.type()) && msg.data().contains(marketId)) >= 2);
            var replayed = resumed.messages().stream().filter(msg -> msg.data().contains(marketId)).toList();
            // the results are read when sent: both now say what is true now
            assertThat(replayed).extracting(SseClient.Message::type).containsExactly("result", "market", "result");
        }
    }

    @Test
    void openingAnEventDoesNotRevealItsWindows() {
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
        try (SseClient stream = new SseClient(url(port), Tokens.player("live-bob"), null)) {
            stream.await(msg -> "hello".equals(msg.type()), WAIT);
            inTransaction(new EventStatusChanged(m.eventId(), EventStatus.DRAFT, EventStatus.OPEN));
            SseClient.Message opened = stream.await(msg -> "event".equals(msg.type()) && msg.data().contains(m.eventId().toString()), WAIT);
            assertThat(opened.data()).doesNotContain("reveal");
        }
    }

    @Test
    void aRolledBackChangeIsNeverAnnounced() {
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
        try (SseClient stream = new SseClient(url(port), Tokens.player("live-carol"), null)) {
            stream.await(msg -> "hello".equals(msg.type()), WAIT);
            tx.executeWithoutResult(s -> {
                facts.publishEvent(new MarketStatusChanged(m.marketId(), m.eventId(), MarketStatus.OPEN, MarketStatus.SUSPENDED));
                s.setRollbackOnly();
            });
            inTransaction(new MarketStatusChanged(m.marketId(), m.eventId(), MarketStatus.OPEN, MarketStatus.LOCKED));
            stream.await(msg -> msg.data().contains("LOCKED") && msg.data().contains(m.marketId().toString()), WAIT);
            assertThat(stream.count(msg -> msg.data().contains("SUSPENDED") && msg.data().contains(m.marketId().toString()))).isZero();
        }
    }

    @Test
    void resumesFromLastEventId() {
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
        String token = Tokens.player("live-dave");
        String lastSeen;
        try (SseClient first = new SseClient(url(port), token, null)) {
            first.await(msg -> "hello".equals(msg.type()), WAIT);
            inTransaction(new MarketStatusChanged(m.marketId(), m.eventId(), MarketStatus.OPEN, MarketStatus.SUSPENDED));
            lastSeen = first.await(msg -> msg.data().contains("SUSPENDED") && msg.data().contains(m.marketId().toString()), WAIT).id();
        }
        String marketId = m.marketId().toString();
        try (SseClient watcher = new SseClient(url(port), Tokens.player("live-watcher"), null)) {
            watcher.await(msg -> "hello".equals(msg.type()), WAIT);
            inTransaction(new MarketStatusChanged(m.marketId(), m.eventId(), MarketStatus.SUSPENDED, MarketStatus.OPEN));
            inTransaction(new OddsPublished(m.marketId(), m.eventId(), m.oddsVersionId(), 1));
            // the hub keeps a message for replay before it sends it to anyone
            watcher.await(msg -> "odds".equals(msg.type()) && msg.data().contains(marketId), WAIT);
        }
        try (SseClient resumed = new SseClient(url(port), token, lastSeen)) {
            resumed.await(msg -> "odds".equals(msg.type()) && msg.data().contains(marketId), WAIT);
            var mine = resumed.messages().stream().filter(msg -> msg.data().contains(marketId)).toList();
            assertThat(mine).extracting(SseClient.Message::type).containsExactly("market", "odds");
            assertThat(mine.get(0).data()).contains("\"status\":\"OPEN\"");
        }
        try (SseClient tooOld = new SseClient(url(port), token, "999999999999")) {
            tooOld.await(msg -> "reset".equals(msg.type()), WAIT);
        }
    }

    @Test
    void aQuickStopAndStartLeavesOneListener() {
        // a paused and resumed test context does exactly this; two listening threads would announce everything twice
        listener.stop();
        listener.start();
        await().atMost(WAIT).until(() -> LiveMeters.listening(meters));
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
        String marketId = m.marketId().toString();
        try (SseClient stream = new SseClient(url(port), Tokens.player("live-frank"), null)) {
            stream.await(msg -> "hello".equals(msg.type()), WAIT);
            inTransaction(new MarketStatusChanged(m.marketId(), m.eventId(), MarketStatus.OPEN, MarketStatus.SUSPENDED));
            inTransaction(new MarketStatusChanged(m.marketId(), m.eventId(), MarketStatus.SUSPENDED, MarketStatus.OPEN));
            await().atMost(WAIT).until(() -> stream.count(msg -> msg.data().contains(marketId)) >= 2);
            // a second listener polls at most 500 ms behind the first; give it that long to show itself
            await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> stream.count(msg -> msg.data().contains(marketId)) == 2);
        }
    }

    @Test
    void aSlowConsumerIsDroppedWithoutDelayingAnother() throws Exception {
        long droppedBefore = LiveMeters.dropped(meters);
        long overflowsBefore = LiveMeters.ended(meters).getOrDefault("too_far_behind", 0L);
        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new java.net.InetSocketAddress("localhost", port));
            OutputStream out = slow.getOutputStream();
            out.write(("GET /api/v1/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nAuthorization: Bearer "
                    + Tokens.player("live-slow") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (SseClient fast = new SseClient(url(port), Tokens.player("live-fast"), null)) {
                fast.await(msg -> "hello".equals(msg.type()), WAIT);
                await().atMost(WAIT).until(() -> LiveMeters.subscribers(meters) >= 2);
                UUID event = Ids.newId();
                int baseline = fast.size();
                long started = System.nanoTime();
                int sent = 0;
                // paced so the fast reader keeps up; the slow one never reads, so its socket and then its queue fill
                while (LiveMeters.dropped(meters) == droppedBefore && sent < 400_000) {
                    for (int i = 0; i < 100; i++) {
                        hub.dispatch(new Notice(1_000_000_000L + sent + i, Notice.Kind.EVENT, event, null, null, "OPEN"));
                    }
                    sent += 100;
                    int expected = baseline + sent;
                    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).atMost(WAIT)
                            .until(() -> fast.size() >= expected);
                }
                System.out.printf("fast subscriber received %d messages in %d ms while a slow one stalled and was dropped%n",
                        sent, (System.nanoTime() - started) / 1_000_000);
                assertThat(fast.size()).isEqualTo(baseline + sent);
                assertThat(LiveMeters.dropped(meters)).isGreaterThan(droppedBefore);
                assertThat(LiveMeters.ended(meters).getOrDefault("too_far_behind", 0L)).as("streams ended as too far behind")
                        .isGreaterThan(overflowsBefore);
            }
        }
    }

    /** The stream leaves Tomcat's request after its headers; on the wire it must still be a plain 200 stream. */
    @Test
    void aStreamIsAPlainHttpAnswerAndHeadGetsItsHeadersOnly() throws Exception {
        String token = Tokens.player("live-wire");
        try (Socket socket = rawStream("GET", token)) {
            String seen = readUntil(socket, "event:hello");
            assertThat(seen).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: text/event-stream")
                    .containsIgnoringCase("Connection: close").containsIgnoringCase("X-Content-Type-Options: nosniff")
                    .doesNotContainIgnoringCase("Transfer-Encoding");
        }
        try (Socket socket = rawStream("HEAD", token)) {
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: text/event-stream")
                    .endsWith("\r\n\r\n");
        }
    }

    private Socket rawStream(String method, String token) throws Exception {
        Socket socket = new Socket();
        socket.connect(new java.net.InetSocketAddress("localhost", port), 5_000);
        socket.setSoTimeout((int) WAIT.toMillis());
        socket.getOutputStream().write((method + " /api/v1/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private static String readUntil(Socket socket, String marker) throws Exception {
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!seen.toString().contains(marker)) {
            int n = socket.getInputStream().read(buffer);
            if (n < 0) {
                break;
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return seen.toString();
    }

    /** A reader that stalls for a while, fewer messages behind than its queue holds, then reads: it gets everything. */
    @Test
    void aReaderThatFallsBehindAndCatchesUpGetsEveryMessage() throws Exception {
        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(1024);
            slow.connect(new java.net.InetSocketAddress("localhost", port));
            slow.setSoTimeout((int) WAIT.toMillis());
            slow.getOutputStream().write(("GET /api/v1/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                    + "Authorization: Bearer " + Tokens.player("live-catch-up") + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            readUntil(slow, "event:hello");
            UUID event = Ids.newId();
            int sent = 200;
            // 6 MB while nobody reads: more than the socket buffers take (up to 4 MB), fewer messages than the queue holds
            String padding = "x".repeat(30_000);
            for (int i = 0; i < sent; i++) {
                hub.dispatch(new Notice(2_000_000_000L + i, Notice.Kind.EVENT, event, null, null, "OPEN" + padding));
            }
            String marker = event.toString();
            byte[] buffer = new byte[8192];
            int received = 0;
            String carry = "";
            while (received < sent) {
                int n = slow.getInputStream().read(buffer);
                assertThat(n).as("the server ended the stream after %d of %d messages", received, sent).isPositive();
                String text = carry + new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                int after = 0;
                for (int at; (at = text.indexOf(marker, after)) >= 0; after = at + marker.length()) {
                    received++;
                }
                carry = text.substring(Math.max(after, text.length() - marker.length() + 1));
            }
            assertThat(received).isEqualTo(sent);
        }
    }

    @Test
    void reachesSubscribersOfAnotherInstanceOnTheSameDatabase() throws Exception {
        String jdbcUrl = dataSource.unwrap(HikariDataSource.class).getJdbcUrl();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(RevealApplication.class).run(
                "--spring.profiles.active=test", "--server.port=0", "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres", "--logging.structured.format.console=")) {
            int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
            MeterRegistry secondMeters = second.getBean(MeterRegistry.class);
            await().atMost(WAIT).until(() -> LiveMeters.listening(secondMeters));
            Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
            try (SseClient onSecond = new SseClient(url(secondPort), Tokens.player("live-erin"), null)) {
                onSecond.await(msg -> "hello".equals(msg.type()), WAIT);
                inTransaction(new OddsPublished(m.marketId(), m.eventId(), m.oddsVersionId(), 1));
                onSecond.await(msg -> "odds".equals(msg.type()) && msg.data().contains(m.marketId().toString()), WAIT);
            }
        }
    }

    private void inTransaction(Object fact) {
        tx.executeWithoutResult(s -> facts.publishEvent(fact));
    }

    private void predictAndSettle(Fixtures.Player player, Fixtures.OpenMarket m) {
        predict(player, m);
        jdbc.update("UPDATE markets SET status = 'SETTLED' WHERE id = ?", m.marketId());
        jdbc.update("INSERT INTO settlements (id, market_id, settled_at, winning_outcome_id) VALUES (?, ?, now(), ?)",
                Ids.newId(), m.marketId(), m.yesOutcomeId());
    }

    private void predict(Fixtures.Player player, Fixtures.OpenMarket m) {
        jdbc.update("""
                INSERT INTO bet_intents (id, user_id, session_id, event_id, market_id, outcome_id, idempotency_key,
                    client_sent_at, server_received_at, accepted, acceptance_code, accepted_odds_version_id,
                    seen_odds_version_id, accept_odds)
                VALUES (?, ?, ?, ?, ?, ?, 'live-1', now(), now(), true, 'ACCEPTED', ?, ?, 'EXACT')
                """, Ids.newId(), player.userId(), player.sessionId(), m.eventId(), m.marketId(), m.yesOutcomeId(),
                m.oddsVersionId(), m.oddsVersionId());
    }

    private static String url(int port) {
        return "http://localhost:" + port + "/api/v1/stream?locale=en";
    }
}
