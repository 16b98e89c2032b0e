package dev.reveal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.zaxxer.hikari.HikariDataSource;
import dev.reveal.RevealApplication;
import dev.reveal.catalog.LifecycleJobs;
import dev.reveal.support.Api;
import dev.reveal.support.Fixtures;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.PlayerSessions;
import dev.reveal.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A second service instance on the test database, next to the shared one. It runs the lifecycle job on a short
 * schedule and is configured the way production hardening would be: tokens must carry an issuer and audience, CORS
 * allows one origin, and the analytics rate is lowered. So one extra start-up covers: the same Idempotency-Key on
 * both instances at once, each due market flipped once with one audit row, the feed cache of one instance seeing an
 * odds publish on the other within {@code reveal.feed.max-age}, issuer/audience checks, CORS preflights, a
 * configurable rate limit, and logs free of tokens and the secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecondInstanceTest extends IntegrationTest {

    static final String ISSUER = "https://id.reveal.test";
    static final String AUDIENCE = "reveal-api";
    static final String ORIGIN = "https://app.reveal.test";
    /** reveal.feed.max-age (2 s) plus one feed rebuild and polling on a loaded CI machine. */
    static final Duration FEED_BOUND = Duration.ofMillis(3_500);

    private static ConfigurableApplicationContext second;
    private static Http secondHttp;

    @Autowired
    DataSource dataSource;
    @Autowired
    ApplicationContext first;

    private Http firstHttp;

    @BeforeEach
    void startSecondInstance() throws java.sql.SQLException {
        firstHttp = new Http(port, json);
        if (second == null) {
            String jdbcUrl = dataSource.unwrap(HikariDataSource.class).getJdbcUrl();
            second = new SpringApplicationBuilder(RevealApplication.class).run(
                    "--spring.profiles.active=test", "--server.port=0", "--spring.datasource.url=" + jdbcUrl,
                    "--spring.datasource.username=postgres", "--logging.structured.format.console=",
                    "--reveal.lifecycle.enabled=true", "--reveal.lifecycle.fixed-delay=100ms", "--reveal.lifecycle.initial-delay=0s",
                    "--reveal.auth.issuer=" + ISSUER, "--reveal.auth.audience=" + AUDIENCE,
                    "--reveal.cors.allowed-origins=" + ORIGIN,
                    "--reveal.rate-limits.analytics.per-second=1", "--reveal.rate-limits.analytics.burst=2");
            secondHttp = new Http(((WebServerApplicationContext) second).getWebServer().getPort(), json);
        }
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    @Test
    void theSameIdempotencyKeyOnBothInstancesAtOnceMakesOneRowAndOneAnswer() throws Exception {
        String ref = PlayerSessions.newRef("two-instances");
        UUID session = PlayerSessions.start(api, ref);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int rounds = 15;
        int replays = 0;
        for (int i = 0; i < rounds; i++) {
            Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(3600));
            String key = "two-" + UUID.randomUUID();
            String body = json.writeValueAsString(Map.of("sessionId", session, "marketId", m.marketId(),
                    "outcomeId", m.yesOutcomeId(), "oddsVersionId", m.oddsVersionId(), "clientSentAt", Instant.now().toString()));
            CyclicBarrier together = new CyclicBarrier(2);
            Future<Api.Response> a = pool.submit(() -> {
                together.await();
                return firstHttp.send("POST", "/api/v1/bet-intents", Tokens.player(ref), body, Map.of("Idempotency-Key", key), Duration.ofSeconds(30));
            });
            Future<Api.Response> b = pool.submit(() -> {
                together.await();
                return secondHttp.send("POST", "/api/v1/bet-intents", token(ref, ISSUER, AUDIENCE), body, Map.of("Idempotency-Key", key), Duration.ofSeconds(30));
            });
            Api.Response ra = a.get();
            Api.Response rb = b.get();
            assertThat(List.of(ra.status(), rb.status())).as(ra + " / " + rb).containsExactlyInAnyOrder(201, 200);
            assertThat(ra.json()).as("identical answers").isEqualTo(rb.json());
            assertThat(ra.json().get("accepted").asBoolean()).isTrue();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM bet_intents WHERE idempotency_key = ?", Integer.class, key)).isEqualTo(1);
            replays++;
        }
        pool.shutdown();
        System.out.printf("two instances: %d keys each sent to both instances at once, %d rows, %d identical answer pairs%n",
                rounds, rounds, replays);
    }

    @Test
    void eachDueMarketIsLockedOnceWithOneAuditRowWhileBothInstancesRunTheJob() throws Exception {
        // the first instance's job is switched off in tests; run it here as fast as the second's schedule
        ScheduledExecutorService firstJob = Executors.newSingleThreadScheduledExecutor();
        firstJob.scheduleWithFixedDelay(LifecycleJobs.runOnce(first), 0, 20, TimeUnit.MILLISECONDS);
        List<Fixtures.OpenMarket> markets = new ArrayList<>();
        try {
            Instant lockAt = Instant.now().plusSeconds(2);
            for (int i = 0; i < 12; i++) {
                markets.add(Fixtures.openMarket(jdbc, lockAt));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> markets.stream().allMatch(m ->
                    "LOCKED".equals(jdbc.queryForObject("SELECT status FROM markets WHERE id = ?", String.class, m.marketId()))
                            && "LOCKED".equals(jdbc.queryForObject("SELECT status FROM events WHERE id = ?", String.class, m.eventId()))));
        } finally {
            firstJob.shutdown();
            assertThat(firstJob.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        for (Fixtures.OpenMarket m : markets) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_logs WHERE target_id = ? AND action_name = 'MARKET_LOCKED'",
                    Integer.class, m.marketId())).as("audit rows of market " + m.marketId()).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_logs WHERE target_id = ? AND action_name = 'EVENT_LOCKED'",
                    Integer.class, m.eventId())).as("audit rows of event " + m.eventId()).isEqualTo(1);
        }
        System.out.printf("lifecycle on two instances: %d markets and %d events locked once each, one audit row each%n",
                markets.size(), markets.size());
    }

    @Test
    void anOddsPublishOnOneInstanceReachesTheOtherInstancesFeedWithinItsMaxAge() {
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(90));
        String player = token("feed-" + UUID.randomUUID(), ISSUER, AUDIENCE);
        await().atMost(Duration.ofSeconds(10)).until(() -> secondHttp.send("GET", "/api/v1/feed?locale=en", player, null)
                .body().contains(m.oddsVersionId().toString()));
        Api.Response published = firstHttp.send("POST", "/admin/v1/markets/" + m.marketId() + "/odds", Tokens.operator("feed-op"),
                "{\"prices\":[{\"outcomeCode\":\"YES\",\"decimalOdds\":2.5},{\"outcomeCode\":\"NO\",\"decimalOdds\":1.5}]}");
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        String newVersion = published.json().get("id").asString();
        long started = System.nanoTime();
        await().atMost(FEED_BOUND).pollInterval(Duration.ofMillis(25)).until(() -> {
            String feed = secondHttp.send("GET", "/api/v1/feed?locale=en", player, null).body();
            return feed.contains(newVersion) && !feed.contains(m.oddsVersionId().toString());
        });
        System.out.printf("feed on the second instance showed the first instance's odds publish after %d ms (bound %d ms)%n",
                (System.nanoTime() - started) / 1_000_000, FEED_BOUND.toMillis());
    }

    @Test
    void issuerAndAudienceAreCheckedWhereConfigured() {
        String ref = "iss-" + UUID.randomUUID();
        assertThat(secondHttp.send("GET", "/api/v1/me/summary", token(ref, ISSUER, AUDIENCE), null).status()).isEqualTo(200);
        for (String bad : List.of(token(ref, "https://evil.test", AUDIENCE), token(ref, ISSUER, "other-api"),
                token(ref, null, AUDIENCE), token(ref, ISSUER, null), Tokens.player(ref))) {
            Api.Response r = secondHttp.send("GET", "/api/v1/me/summary", bad, null);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("UNAUTHENTICATED");
        }
        assertThat(secondHttp.send("GET", "/api/v1/me/summary", Tokens.expired(ref), null).status()).isEqualTo(401);
    }

    @Test
    void corsPreflightsAreAllowedOnlyForTheConfiguredOrigin() {
        Api.Response allowed = preflight(secondHttp, ORIGIN);
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(allowed.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
        for (Http instance : List.of(secondHttp, firstHttp)) {
            Api.Response refused = preflight(instance, "https://evil.test");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
        }
        // the shared test instance configures no origin at all
        assertThat(preflight(firstHttp, ORIGIN).header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void securityHeadersAreOnEveryAnswer() {
        for (Api.Response r : List.of(secondHttp.send("GET", "/api/v1/feed", token("hdr", ISSUER, AUDIENCE), null),
                secondHttp.send("GET", "/api/v1/feed", null, null), firstHttp.send("GET", "/actuator/health/readiness", null, null))) {
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(r.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'");
            assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
    }

    @Test
    void theAnalyticsRateLimitIsConfigurable() {
        String ref = "rate-" + UUID.randomUUID();
        String token = token(ref, ISSUER, AUDIENCE);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(secondHttp.send("POST", "/api/v1/analytics/events", token, "{}").status());
        }
        // burst 2 on the second instance: the third request within the second is refused (the first instance allows 20)
        assertThat(statuses.subList(0, 2)).containsOnly(400);
        assertThat(statuses).contains(429);
    }

    @Test
    void logsCarryNoTokenAndNoSecret(CapturedOutput output) {
        String ref = "log-" + UUID.randomUUID();
        List<String> tokens = List.of(token(ref, ISSUER, AUDIENCE), Tokens.player(ref), Tokens.expired(ref),
                Tokens.badSignature(ref), Tokens.algNone(ref));
        for (String t : tokens) {
            secondHttp.send("GET", "/api/v1/me/summary", t, null);
            firstHttp.send("GET", "/api/v1/me/summary", t, null);
            firstHttp.send("POST", "/api/v1/test-probe/fail", t, "{}");
            secondHttp.send("POST", "/admin/v1/events", t, "{\"broken\":");
        }
        String logs = output.getAll();
        assertThat(logs).contains("unexpected failure");
        for (String t : tokens) {
            assertThat(logs).doesNotContain(t).doesNotContain(t.substring(t.indexOf('.') + 1));
        }
        assertThat(logs).doesNotContain(Tokens.SECRET);
    }

    private static Api.Response preflight(Http http, String origin) {
        return http.send("OPTIONS", "/api/v1/bet-intents", null, null, Map.of("Origin", origin,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"),
                Duration.ofSeconds(10));
    }

    static String token(String subject, String issuer, String audience) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(600))).claim("roles", List.of("player"));
            if (issuer != null) {
                claims.issuer(issuer);
            }
            if (audience != null) {
                claims.audience(audience);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(Tokens.SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
