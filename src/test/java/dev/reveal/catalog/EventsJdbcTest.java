package dev.reveal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.platform.Cursor;
import dev.reveal.support.SliceDatabase;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.jdbc.Sql;

/**
 * The catalog's event queries on the real database with the market fixture (one OPEN football event locking in 2099
 * with two OPEN markets): the operator list's filters and keyset pages, the overdue list and the lock job's flip.
 * Each test rolls back.
 */
@JdbcTest
@SliceDatabase
@Sql("/fixtures/market.sql")
@Import(Events.class)
class EventsJdbcTest {

    static final UUID EVENT = UUID.fromString("00000000-0000-7000-8000-0000000000e0");
    static final Instant LOCK = Instant.parse("2099-01-01T12:00:00Z");

    @Autowired
    Events events;

    @Autowired
    JdbcTemplate jdbc;

    private boolean listed(Events.ListFilter filter) {
        return events.list(filter, null, 10_000).stream().anyMatch(e -> e.id().equals(EVENT));
    }

    @Test
    void theListFiltersByStatusSportAndAHalfOpenLockRange() {
        assertThat(events.list(new Events.ListFilter(EventStatus.OPEN, SportType.FOOTBALL, LOCK, LOCK.plusSeconds(1)),
                null, 10)).singleElement().satisfies(e -> {
                    assertThat(e.id()).isEqualTo(EVENT);
                    assertThat(e.marketCount()).isEqualTo(2);
                    assertThat(e.unsettledMarkets()).isEqualTo(2);
                });
        assertThat(listed(new Events.ListFilter(EventStatus.DRAFT, null, null, null))).isFalse();
        assertThat(listed(new Events.ListFilter(null, SportType.TENNIS, null, null))).isFalse();
        assertThat(listed(new Events.ListFilter(null, null, null, LOCK))).as("lockTo is exclusive").isFalse();
        assertThat(listed(new Events.ListFilter(null, null, LOCK.plusSeconds(1), null))).isFalse();
    }

    @Test
    void aPageStartsAfterItsCursor() {
        Events.ListFilter fixture = new Events.ListFilter(null, null, LOCK, LOCK.plusSeconds(1));
        assertThat(events.list(fixture, new Cursor(LOCK, EVENT), 10)).isEmpty();
        assertThat(events.list(fixture, new Cursor(LOCK, new UUID(0, 0)), 10)).extracting(EventSummary::id)
                .containsExactly(EVENT);
    }

    @Test
    void anEventPastSettleTimeWithOpenMarketsIsOverdueUntilTheyClose() {
        Instant after = Instant.parse("2099-01-01T13:00:01Z");
        assertThat(events.overdue(after, 10_000)).extracting(EventSummary::id).contains(EVENT);
        assertThat(events.overdue(Instant.parse("2099-01-01T12:59:59Z"), 10_000)).extracting(EventSummary::id)
                .doesNotContain(EVENT);
        long overdue = events.countOverdue(after);

        jdbc.update("UPDATE markets SET status = 'VOID' WHERE event_id = ?", EVENT);

        assertThat(events.overdue(after, 10_000)).extracting(EventSummary::id).doesNotContain(EVENT);
        assertThat(events.countOverdue(after)).isEqualTo(overdue - 1);
    }

    @Test
    void theLockJobFlipsADueOpenEventOnce() {
        assertThat(events.lockDue(Instant.parse("2099-01-01T12:00:00Z"), 10_000)).contains(EVENT);
        assertThat(events.find(EVENT)).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(EventStatus.LOCKED));
        assertThat(events.lockDue(Instant.parse("2099-01-01T12:00:00Z"), 10_000)).doesNotContain(EVENT);
        assertThat(events.idBySourceRef("slice-fixture")).contains(EVENT);
        assertThat(events.hasPredictions(EVENT)).isFalse();
    }
}
