package dev.reveal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reveal.support.Api;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.PlayerSessions;
import dev.reveal.support.Tokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Slow-body clients (issue 13): a few hundred connections that declare a 100 kB body and send it a byte a second,
 * some without a token (refused at once), most with a valid player token on an endpoint that reads its body. On JDK 17
 * each such body used to hold one of Tomcat's 200 platform threads, and health and players timed out for the whole
 * attack. Health and a normal player request must stay under a second throughout. Prints its figures.
 */
class SlowClientsTest extends IntegrationTest {

    private static final int WITHOUT_TOKEN = 100;
    private static final int WITH_TOKEN = Integer.getInteger("reveal.slow.clients", 300);
    private static final Duration ATTACK = Duration.ofSeconds(Long.getLong("reveal.slow.seconds", 15));

    @Test
    void healthAndPlayersStayFastWhileHundredsOfClientsTrickleTheirBodies() throws Exception {
        String attacker = Tokens.player(PlayerSessions.newRef("slow-attacker"));
        String player = Tokens.player(PlayerSessions.newRef("slow-player"));
        Map<String, Object> session = Map.of("platform", "IOS", "appVersion", "1.0", "locale", "en");
        api.as(player).post("/api/v1/sessions", session).send();
        long rssBefore = rssKb();

        List<Slow> clients = new ArrayList<>();
        for (int i = 0; i < WITHOUT_TOKEN + WITH_TOKEN; i++) {
            clients.add(i < WITHOUT_TOKEN ? new Slow("/api/v1/bet-intents", null) : new Slow("/api/v1/sessions", attacker));
        }
        AtomicInteger reopened = new AtomicInteger();
        AtomicInteger rounds = new AtomicInteger();
        clients.forEach(Slow::open);
        // one byte a second from every client; a connection the server closed opens anew
        ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
        trickler.scheduleWithFixedDelay(() -> {
            for (Slow c : clients) {
                if (!c.sendOneByte()) {
                    reopened.incrementAndGet();
                    c.open();
                }
            }
            rounds.incrementAndGet();
        }, 0, 1, TimeUnit.SECONDS);

        List<Long> health = Collections.synchronizedList(new ArrayList<>());
        List<Long> players = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = new ArrayList<>();
        long end = System.nanoTime() + ATTACK.toNanos();
        long rssDuring = 0;
        try {
            // every slow client in the middle of its body before the probes start
            await().atMost(Duration.ofSeconds(30)).until(() -> rounds.get() >= 2);
            while (System.nanoTime() < end) {
                long t = System.nanoTime();
                Api.Response h = new Http(port, json).send("GET", "/actuator/health/liveness", null, null, Map.of(),
                        Duration.ofSeconds(10));
                health.add((System.nanoTime() - t) / 1_000_000);
                t = System.nanoTime();
                Api.Response p = api.as(player).post("/api/v1/sessions", session).send();
                players.add((System.nanoTime() - t) / 1_000_000);
                if (h.status() != 200 || p.status() != 201) {
                    failures.add("health " + h.status() + ", player " + p.status() + " " + p.body());
                }
                rssDuring = Math.max(rssDuring, rssKb());
                Thread.sleep(100); // the probes' pace, not a wait for anything
            }
        } finally {
            trickler.shutdownNow();
            assertThat(trickler.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            clients.forEach(Slow::close);
        }
        long healthMax = Collections.max(health);
        long playerMax = Collections.max(players);
        System.out.printf("slow clients: %d connections trickling 1 byte/s into 100 kB bodies (%d without a token, %d with"
                        + " one) for %d s, %d reconnects after the server closed them; %d probes each: health max %d ms,"
                        + " player POST /api/v1/sessions max %d ms; RSS %d MB -> %d MB%n",
                clients.size(), WITHOUT_TOKEN, WITH_TOKEN, ATTACK.toSeconds(), reopened.get(), health.size(), healthMax,
                playerMax, rssBefore / 1024, rssDuring / 1024);
        assertThat(failures).isEmpty();
        assertThat(healthMax).as("slowest health probe, ms").isLessThan(1000);
        assertThat(playerMax).as("slowest player request, ms").isLessThan(1000);
    }

    private final class Slow {

        private final String path;
        private final String token;
        private Socket socket;

        Slow(String path, String token) {
            this.path = path;
            this.token = token;
        }

        void open() {
            close();
            try {
                socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100000\r\n" + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                        + "Idempotency-Key: slow-" + System.nanoTime() + "\r\n\r\n{";
                socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                close();
            }
        }

        /** False when the server has closed the connection (it answered, refused or timed the body out). */
        boolean sendOneByte() {
            try {
                if (socket == null) {
                    return false;
                }
                if (socket.getInputStream().available() > 0) {
                    return false; // the server answered: it will close, and the attack opens anew
                }
                socket.getOutputStream().write(' ');
                socket.getOutputStream().flush();
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
