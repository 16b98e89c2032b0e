package dev.reveal.settlement.results;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/** Which settlements a leaderboard counts, by the time the market settled (UTC). */
enum LeaderboardPeriod {
    /** Since 00:00 UTC today. */
    DAY,
    /** Since Monday 00:00 UTC of the current ISO week. */
    WEEK,
    /** Every settlement ever. */
    ALL;

    static Optional<LeaderboardPeriod> parse(String value) {
        if (value == null) {
            return Optional.of(ALL);
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "day" -> Optional.of(DAY);
            case "week" -> Optional.of(WEEK);
            case "all" -> Optional.of(ALL);
            default -> Optional.empty();
        };
    }

    /** The first instant of the period containing {@code now}; ALL starts at the epoch, before any settlement. */
    Instant since(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return switch (this) {
            case DAY -> today.atStartOfDay(ZoneOffset.UTC).toInstant();
            case WEEK -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC).toInstant();
            case ALL -> Instant.EPOCH;
        };
    }

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
