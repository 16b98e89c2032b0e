package dev.reveal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reveal.support.Api;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class LifecycleJobTest extends IntegrationTest {

    private static final String OPERATOR = Tokens.operator("op-job");

    @Autowired
    LifecycleJob job;
    @Autowired
    Markets markets;
    @Autowired
    Events events;
    @Autowired
    dev.reveal.audit.AuditLog audit;
    @Autowired
    ApplicationEventPublisher facts;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    java.time.Clock clock;
    @Autowired
    MeterRegistry meters;

    @Test
    void twoInstancesAtOnceLockEachDueMarketAndEventOnceWithOneAuditRow() throws Exception {
        List<UUID> eventIds = new ArrayList<>();
        List<UUID> marketIds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JsonNode e = openEvent();
            eventIds.add(UUID.fromString(e.get("id").asString()));
            e.get("markets").forEach(m -> marketIds.add(UUID.fromString(m.get("id").asString())));
        }
        jdbc.update("UPDATE markets SET status = 'SUSPENDED' WHERE id = ?", marketIds.get(0));
        // due now: lock times move into the past, as if the clock had reached them
        for (UUID id : eventIds) {
            jdbc.update("UPDATE markets SET lock_at = now() - interval '1 second' WHERE event_id = ?", id);
            jdbc.update("UPDATE events SET lock_at = now() - interval '1 second' WHERE id = ?", id);
        }

        LifecycleJob other = new LifecycleJob(markets, events, audit, facts, tx, clock, new LifecycleProperties(true, 2));
        CyclicBarrier start = new CyclicBarrier(4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LifecycleJob.Flipped>> runs = new ArrayList<>();
            for (LifecycleJob instance : List.of(job, other, job, other)) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return instance.runOnce();
                }));
            }
            for (Future<LifecycleJob.Flipped> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }

        for (UUID id : marketIds) {
            assertThat(jdbc.queryForObject("SELECT status FROM markets WHERE id = ?", String.class, id)).isEqualTo("LOCKED");
            assertThat(jdbc.queryForObject("""
                    SELECT count(*) FROM audit_logs WHERE target_id = ? AND action_name = 'MARKET_LOCKED'
                      AND actor_type = 'SYSTEM' AND actor_id IS NULL
                    """, Long.class, id)).as("market " + id).isEqualTo(1);
        }
        for (UUID id : eventIds) {
            assertThat(jdbc.queryForObject("SELECT status FROM events WHERE id = ?", String.class, id)).isEqualTo("LOCKED");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_logs WHERE target_id = ? AND action_name = 'EVENT_LOCKED'",
                    Long.class, id)).as("event " + id).isEqualTo(1);
        }
        Map<String, Object> suspendedFlip = jdbc.queryForMap("""
                SELECT a.trace_id, max(v.attribute_value) FILTER (WHERE v.attribute_key = 'oldStatus') AS old_status,
                       max(v.attribute_value) FILTER (WHERE v.attribute_key = 'newStatus') AS new_status
                FROM audit_logs a JOIN audit_log_attributes v ON v.audit_log_id = a.id
                WHERE a.target_id = ? AND a.action_name = 'MARKET_LOCKED' GROUP BY a.id, a.trace_id
                """, marketIds.get(0));
        assertThat(suspendedFlip).containsEntry("old_status", "SUSPENDED").containsEntry("new_status", "LOCKED");
        assertThat((String) suspendedFlip.get("trace_id")).matches("[0-9a-f]{32}");
    }

    @Test
    void onAFixedDelayOfAQuarterSecondAMarketLocksWithinASecondOfItsLockTime() throws Exception {
        JsonNode e = openEvent();
        UUID eventId = UUID.fromString(e.get("id").asString());
        UUID market = UUID.fromString(e.get("markets").get(0).get("id").asString());
        Instant lockAt = Instant.now().plusMillis(1500);
        jdbc.update("UPDATE markets SET lock_at = ? WHERE id = ?", Timestamp.from(lockAt), market);
        jdbc.update("UPDATE events SET lock_at = ? WHERE id = ?", Timestamp.from(lockAt), eventId);

        // the test profile switches the scheduled bean off; this instance runs on the production delay
        LifecycleJob scheduledInstance = new LifecycleJob(markets, events, audit, facts, tx, clock, new LifecycleProperties(true, 500));
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.initialize();
        try {
            scheduler.scheduleWithFixedDelay(scheduledInstance::scheduled, Duration.ofMillis(250));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> jdbc.queryForObject("SELECT status FROM events WHERE id = ?", String.class, eventId),
                            "LOCKED"::equals);
        } finally {
            scheduler.shutdown();
        }
        Instant flippedAt = jdbc.queryForObject("""
                SELECT created_at FROM audit_logs WHERE target_id = ? AND action_name = 'MARKET_LOCKED'
                """, Timestamp.class, market).toInstant();
        assertThat(flippedAt).isAfterOrEqualTo(lockAt.truncatedTo(ChronoUnit.MICROS))
                .isBefore(lockAt.plusSeconds(1));
        assertThat(jdbc.queryForObject("SELECT status FROM events WHERE id = ?", String.class, eventId)).isEqualTo("LOCKED");
    }

    @Test
    void marketsAreNotLockedBeforeTheirTime() {
        JsonNode e = openEvent();
        UUID market = UUID.fromString(e.get("markets").get(0).get("id").asString());
        job.runOnce();
        assertThat(jdbc.queryForObject("SELECT status FROM markets WHERE id = ?", String.class, market)).isEqualTo("OPEN");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_logs WHERE target_id = ? AND action_name = 'MARKET_LOCKED'",
                Long.class, market)).isZero();
    }

    @Test
    void overdueEventsAreListedAndCounted() {
        JsonNode e = openEvent();
        UUID id = UUID.fromString(e.get("id").asString());
        jdbc.update("UPDATE events SET lock_at = now() - interval '2 hours', settle_at = now() - interval '1 hour' WHERE id = ?", id);
        jdbc.update("UPDATE markets SET lock_at = now() - interval '2 hours' WHERE event_id = ?", id);

        Api.Response overdue = api.as(OPERATOR).get("/admin/v1/events/overdue?limit=200").send();
        assertThat(overdue.status()).as(overdue.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        overdue.json().forEach(item -> ids.add(item.get("id").asString()));
        assertThat(ids).contains(id.toString());
        double gauge = meters.get("reveal.events.overdue").gauge().value();
        assertThat(gauge).isGreaterThanOrEqualTo(1);

        jdbc.update("UPDATE markets SET status = 'VOID' WHERE event_id = ?", id);
        assertThat(meters.get("reveal.events.overdue").gauge().value()).isEqualTo(gauge - 1);
    }

    private JsonNode openEvent() {
        Map<String, Object> body = CatalogTestData.event(CatalogTestData.keys(jdbc));
        Instant lockAt = Instant.now().plusSeconds(3600);
        body.put("lockAt", lockAt.toString());
        Api.Response created = api.as(OPERATOR).post("/admin/v1/events", body).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        Api.Response published = api.as(OPERATOR).post("/admin/v1/events/" + id + "/publish", null).send();
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        return published.json();
    }
}
