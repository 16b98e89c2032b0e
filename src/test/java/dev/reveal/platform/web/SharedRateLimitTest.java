package dev.reveal.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.RevealApplication;
import dev.reveal.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances on one database with {@code reveal.rate-limits.store=database}: a player who alternates between them
 * gets the configured rate in total, not once per instance. Also prints what the shared bucket costs per request
 * against the in-memory one.
 */
class SharedRateLimitTest {

    private static final int RATE = 10;
    private static final int BURST = 10;
    private static final String[] SETTINGS = {"--spring.profiles.active=test", "--server.port=0",
            "--logging.structured.format.console=", "--reveal.rate-limits.store=database",
            "--reveal.rate-limits.bet-intents.per-second=" + RATE, "--reveal.rate-limits.bet-intents.burst=" + BURST};

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "shared-rate-");
        first = new SpringApplicationBuilder(RevealApplication.class).run(with(SETTINGS,
                "--reveal.data.dir=" + dataDir.toAbsolutePath(), "--reveal.database.embedded.clean=true"));
        String url = first.getBean(javax.sql.DataSource.class).unwrap(com.zaxxer.hikari.HikariDataSource.class).getJdbcUrl();
        second = new SpringApplicationBuilder(RevealApplication.class).run(with(SETTINGS,
                "--spring.datasource.url=" + url, "--spring.datasource.username=postgres"));
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void aPlayerGetsTheConfiguredRateFromTwoInstancesCombined() throws Exception {
        String token = Tokens.player("shared-rate-" + UUID.randomUUID());
        List<String> instances = List.of(baseUrl(first), baseUrl(second));
        AtomicInteger[] passed = {new AtomicInteger(), new AtomicInteger()};
        AtomicInteger[] limited = {new AtomicInteger(), new AtomicInteger()};
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        long end = started + Duration.ofSeconds(3).toNanos();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                for (int n = thread; System.nanoTime() < end; n++) {
                    int i = n % 2;
                    // an empty body: past the limiter it is a 400, so nothing is written and only the limiter counts
                    int status = post(instances.get(i), token);
                    if (status == 429) {
                        limited[i].incrementAndGet();
                    } else if (status == 400) {
                        passed[i].incrementAndGet();
                    } else {
                        unexpected.add(Integer.toString(status));
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get(60, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        int allowed = passed[0].get() + passed[1].get();
        System.out.printf("shared rate limit: %d requests passed (%d + %d) and %d refused (%d + %d) in %.2f s over two"
                        + " instances; configured burst %d + %d/s%n", allowed, passed[0].get(), passed[1].get(),
                limited[0].get() + limited[1].get(), limited[0].get(), limited[1].get(), seconds, BURST, RATE);
        assertThat(unexpected).isEmpty();
        assertThat(limited[0].get()).as("429s from the first instance").isPositive();
        assertThat(limited[1].get()).as("429s from the second instance").isPositive();
        assertThat(passed[0].get()).as("passed on the first instance").isPositive();
        assertThat(passed[1].get()).as("passed on the second instance").isPositive();
        // one bucket for both: at most the burst plus the refill over the run (per-instance buckets would allow twice that)
        assertThat(allowed).isLessThanOrEqualTo(BURST + (int) Math.ceil(RATE * seconds) + 1);
        assertThat(allowed).isGreaterThanOrEqualTo(BURST + (int) (RATE * seconds * 0.5));
    }

    @Test
    void costOfASharedBucketPerRequest() throws Exception {
        RateLimits.Limit limit = new RateLimits.Limit(RATE, BURST);
        RateLimitBuckets shared = new SharedRateLimitBuckets(first.getBean(JdbcClient.class));
        RateLimitBuckets local = new LocalRateLimitBuckets();
        int calls = 2_000;
        for (RateLimitBuckets warm : List.of(shared, local)) {
            for (int i = 0; i < 200; i++) {
                warm.take("warm-up", limit, "p" + (i % 20));
            }
        }
        double sharedMicros = microsPerTake(shared, limit, calls, 1);
        double sharedMicros4 = microsPerTake(shared, limit, calls, 4);
        double localMicros = microsPerTake(local, limit, calls, 1);
        System.out.printf("rate-limit cost per request: shared bucket %.0f µs (one thread), %.0f µs wall per take with 4"
                + " threads; in-memory bucket %.1f µs%n", sharedMicros, sharedMicros4, localMicros);
        // a refused take from the shared bucket says how long to wait: at most a second at one token a second
        RateLimits.Limit slow = new RateLimits.Limit(1, BURST);
        String subject = "cost-" + UUID.randomUUID();
        for (int i = 0; i < BURST; i++) {
            assertThat(shared.take("slow", slow, subject)).isZero();
        }
        assertThat(shared.take("slow", slow, subject)).isBetween(1L, Duration.ofSeconds(1).toNanos());
    }

    private static double microsPerTake(RateLimitBuckets buckets, RateLimits.Limit limit, int calls, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = thread; i < calls; i += threads) {
                    buckets.take("cost", limit, "player-" + (i % 500));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return (System.nanoTime() - started) / 1_000.0 / calls;
    }

    private static int post(String baseUrl, String token) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/bet-intents"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String baseUrl(ConfigurableApplicationContext ctx) {
        return "http://localhost:" + ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    private static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
