package dev.reveal.settlement.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The top players of a period, and the caller's own standing (null when they have nothing settled in it). */
record Leaderboard(String period, Instant since, int limit, List<Entry> entries,
                   @JsonInclude(JsonInclude.Include.ALWAYS) Entry me) {

    /** {@code reachedAt}: when the player reached their correct count (null with no correct prediction). */
    record Entry(long rank, String displayName, long correct, long settled, BigDecimal accuracy, Instant reachedAt,
                 boolean you) {
    }
}
