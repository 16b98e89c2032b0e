package dev.reveal.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reveal.platform.Refusal;
import dev.reveal.support.SliceDatabase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Reports with only the areas they depend on (experiments for the control variant, the platform for stale reads) on
 * the slice database: an analytics report and a funnel over rows this test commits in a range of its own, and the
 * refusal of unregistered steps. Reports publish and listen to no facts, so there is no Scenario. The rows are
 * committed with new ids and names in 2002, a year no other test writes in (reports.sql uses 2001).
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "platform")
@SliceDatabase
@ActiveProfiles("test")
class ReportsModuleTest {

    private static final TimeRange RANGE = new TimeRange(Instant.parse("2002-01-01T00:00:00Z"),
            Instant.parse("2002-01-02T00:00:00Z"));

    @Autowired
    ReportService reports;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void reportsCountTheCommittedEventsOfTheRange() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String opened = "module_opened_" + suffix;
        String played = "module_played_" + suffix;
        UUID openedType = type(opened);
        UUID playedType = type(played);
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        jdbc.update("INSERT INTO users (id, external_ref, created_at) VALUES (?, ?, now())", user, "reports-" + user);
        jdbc.update("""
                INSERT INTO sessions (id, user_id, started_at, experiment_variant, locale_code)
                VALUES (?, ?, '2002-01-01T10:00:00Z', 'control', 'en')
                """, session, user);
        event(openedType, session, user, "2002-01-01T10:01:00Z");
        event(playedType, session, user, "2002-01-01T10:02:00Z");
        event(playedType, session, user, "2002-01-02T00:00:00Z"); // on the range's exclusive end

        AnalyticsReport analytics = reports.analytics(RANGE);
        assertThat(analytics.totals()).containsEntry(opened, 1L).containsEntry(played, 1L);

        FunnelReport funnel = reports.funnel(RANGE, List.of(opened, played));
        assertThat(funnel.steps()).extracting(FunnelReport.Step::sessions).containsExactly(1L, 1L);
        assertThat(funnel.steps().get(1).conversionFromPrevious()).isEqualTo(1.0);

        ExperimentReport experiments = reports.experiments(RANGE);
        assertThat(experiments.controlPresent()).isTrue();
        assertThat(experiments.variants()).singleElement().satisfies(v -> {
            assertThat(v.variant()).isEqualTo("control");
            assertThat(v.sessions()).isEqualTo(1);
        });
    }

    @Test
    void unregisteredStepsAreRefusedByName() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String known = "module_known_" + suffix;
        String unknown = "module_unknown_" + suffix;
        type(known);
        assertThatThrownBy(() -> reports.funnel(RANGE, List.of(known, unknown)))
                .isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.code()).isEqualTo("UNKNOWN_EVENT_TYPE");
                    assertThat(r.getMessage()).contains(unknown).doesNotContain(known);
                });
    }

    private UUID type(String name) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO analytics_event_types (id, event_name) VALUES (?, ?)", id, name);
        return id;
    }

    private void event(UUID type, UUID session, UUID user, String at) {
        jdbc.update("""
                INSERT INTO analytics_events (id, analytics_event_type_id, session_id, user_id, occurred_at)
                VALUES (?, ?, ?, ?, ?::timestamptz)
                """, UUID.randomUUID(), type, session, user, at);
    }
}
