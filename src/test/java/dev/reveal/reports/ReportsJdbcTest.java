package dev.reveal.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.reveal.reports.EventCounts.DailyCount;
import dev.reveal.support.SliceDatabase;
import dev.reveal.support.SliceReads;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.jdbc.Sql;

/**
 * The reports' SQL on the real database over the sessions and events of {@code fixtures/reports.sql}: cohorts by the
 * sessions started in the range, events per type and UTC day, and the ordered funnel. The range is half-open, and
 * the fixture puts a session and an event exactly on its end.
 */
@JdbcTest
@SliceDatabase
@Sql("/fixtures/reports.sql")
@Import({Cohorts.class, EventCounts.class, SliceReads.class})
class ReportsJdbcTest {

    private static final TimeRange RANGE = new TimeRange(Instant.parse("2001-01-01T00:00:00Z"),
            Instant.parse("2001-01-03T00:00:00Z"));

    @Autowired
    Cohorts cohorts;

    @Autowired
    EventCounts counts;

    @Test
    void cohortsAreTheSessionsStartedInTheRangeWithAllTheirEvents() {
        assertThat(cohorts.figures(RANGE)).containsExactly(
                new VariantFigures("b", 1, 1, 0, null, 0, 0, 0, 0, 2),
                new VariantFigures("control", 1, 1, 1, 600.0, 0, 0, 0, 0, 4));
        assertThat(cohorts.eventsByType(RANGE)).containsExactly(
                entry("b", Map.of("fixture_opened", 1L, "fixture_played", 1L)),
                entry("control", Map.of("fixture_opened", 2L, "fixture_played", 1L, "fixture_predicted", 1L)));
    }

    @Test
    void eventsAreCountedPerTypeAndUtcDayInsideTheRangeOnly() {
        LocalDate first = LocalDate.parse("2001-01-01");
        assertThat(counts.perTypeAndDay(RANGE)).containsExactly(
                new DailyCount(first, "fixture_opened", 2), new DailyCount(first, "fixture_played", 2),
                new DailyCount(first, "fixture_predicted", 1), new DailyCount(first.plusDays(1), "fixture_opened", 1));
    }

    @Test
    void aSessionReachesAStepOnlyWhenItsEventsComeInTheStepsOrder() {
        assertThat(counts.funnel(RANGE, List.of("fixture_opened", "fixture_played", "fixture_predicted")))
                .containsOnly(entry(1, 2L), entry(2, 1L), entry(3, 1L));
        assertThat(counts.funnel(RANGE, List.of("fixture_played", "fixture_opened")))
                .containsOnly(entry(1, 2L), entry(2, 2L));
        // without the second day, s1's second opening is out and played→opened holds for s2 only
        TimeRange firstDay = new TimeRange(RANGE.from(), Instant.parse("2001-01-02T00:00:00Z"));
        assertThat(counts.funnel(firstDay, List.of("fixture_played", "fixture_opened")))
                .containsOnly(entry(1, 2L), entry(2, 1L));
        assertThat(counts.registered(List.of("fixture_opened", "fixture_unknown"))).containsExactly("fixture_opened");
    }
}
