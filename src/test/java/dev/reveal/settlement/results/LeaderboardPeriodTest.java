package dev.reveal.settlement.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaderboardPeriodTest {

    @Test
    void aDayStartsAtMidnightUtc() {
        assertThat(LeaderboardPeriod.DAY.since(Instant.parse("2026-11-25T23:59:59.999Z")))
                .isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(LeaderboardPeriod.DAY.since(Instant.parse("2026-11-25T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
    }

    @Test
    void aWeekStartsOnMondayUtc() {
        // 2026-11-25 is a Wednesday, 2026-11-29 a Sunday, 2026-11-30 a Monday
        assertThat(LeaderboardPeriod.WEEK.since(Instant.parse("2026-11-25T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(LeaderboardPeriod.WEEK.since(Instant.parse("2026-11-29T23:59:59Z")))
                .isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(LeaderboardPeriod.WEEK.since(Instant.parse("2026-11-30T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        // ISO weeks cross years: Thursday 2027-01-01 belongs to the week of Monday 2026-12-28
        assertThat(LeaderboardPeriod.WEEK.since(Instant.parse("2027-01-01T08:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-28T00:00:00Z"));
    }

    @Test
    void allCountsEverySettlement() {
        assertThat(LeaderboardPeriod.ALL.since(Instant.parse("2026-11-25T12:00:00Z"))).isEqualTo(Instant.EPOCH);
    }

    @Test
    void parsesTheThreeNamesOnlyAndDefaultsToAll() {
        assertThat(LeaderboardPeriod.parse("day")).contains(LeaderboardPeriod.DAY);
        assertThat(LeaderboardPeriod.parse("WEEK")).contains(LeaderboardPeriod.WEEK);
        assertThat(LeaderboardPeriod.parse(null)).contains(LeaderboardPeriod.ALL);
        assertThat(LeaderboardPeriod.parse("month")).isEmpty();
        assertThat(LeaderboardPeriod.parse("")).isEmpty();
    }
}
