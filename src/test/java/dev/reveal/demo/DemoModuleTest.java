package dev.reveal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.platform.Ids;
import dev.reveal.support.SliceDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo area with the platform it signs in with, on the slice database and with demo content off (the default):
 * it starts without loading anything, and it tells an open demo event (source ref {@code demo-…}) from the rest,
 * which decides whether a newcomer gets a fresh batch. Demo publishes no facts and listens to none, so there is no
 * Scenario. The test commits its one event and removes it.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "platform")
@SliceDatabase
@ActiveProfiles("test")
class DemoModuleTest {

    /** Far beyond any other test's lock times, so the question is only about this test's event. */
    static final Instant LOCK = Instant.parse("2150-06-01T12:00:00Z");

    @Autowired
    DemoEvents demoEvents;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void onlyAnOpenDemoEventLockingLaterCounts() {
        Instant before = LOCK.minusSeconds(60);
        assertThat(demoEvents.hasOpenLockingAfter(before)).isFalse();
        UUID event = Ids.newId();
        String ref = DemoEvents.SOURCE_REF_PREFIX + event;
        jdbc.update("""
                INSERT INTO events (id, sport_type, source_ref, title_en, title_sv, status, preview_start_ms, preview_end_ms,
                    reveal_start_ms, reveal_end_ms, lock_at, settle_at)
                VALUES (?, 'FOOTBALL', ?, 'Demo', 'Demo', 'OPEN', 0, 8000, 8000, 15000, ?, ?)
                """, event, ref, Timestamp.from(LOCK), Timestamp.from(LOCK.plusSeconds(3600)));
        try {
            assertThat(demoEvents.hasOpenLockingAfter(before)).isTrue();
            assertThat(demoEvents.hasOpenLockingAfter(LOCK)).isFalse();

            jdbc.update("UPDATE events SET source_ref = ? WHERE id = ?", "feed-" + event, event);
            assertThat(demoEvents.hasOpenLockingAfter(before)).as("not a demo event").isFalse();

            jdbc.update("UPDATE events SET source_ref = ?, status = 'LOCKED' WHERE id = ?", ref, event);
            assertThat(demoEvents.hasOpenLockingAfter(before)).as("no longer open").isFalse();
        } finally {
            jdbc.update("DELETE FROM events WHERE id = ?", event);
        }
    }
}
