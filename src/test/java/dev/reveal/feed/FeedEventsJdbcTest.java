package dev.reveal.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.reveal.feed.FeedRows.MarketRow;
import dev.reveal.feed.FeedRows.OutcomeRow;
import dev.reveal.support.SliceDatabase;
import dev.reveal.support.SliceReads;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.jdbc.Sql;

/**
 * The feed's reads on the real database with the market and media fixtures: what is open, what may be predicted
 * right now, and outcomes with the current odds. Each test rolls back; the stale reads go to the same database (no
 * standby here), so they see the test's rows.
 */
@JdbcTest
@SliceDatabase
@Sql({"/fixtures/market.sql", "/fixtures/event-media.sql"})
@Import({FeedEvents.class, SliceReads.class})
class FeedEventsJdbcTest {

    static final UUID EVENT = UUID.fromString("00000000-0000-7000-8000-0000000000e0");
    static final UUID PAST_LOCK = UUID.fromString("00000000-0000-7000-8000-0000000000a1");
    static final UUID FUTURE_LOCK = UUID.fromString("00000000-0000-7000-8000-0000000000a2");
    static final UUID VERSION = UUID.fromString("00000000-0000-7000-8000-0000000000c1");

    @Autowired
    FeedEvents events;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anOpenEventBeforeItsLockIsInTheFeedAndADraftIsNowhere() {
        Instant now = Instant.now();
        assertThat(events.openEvents(now, 10_000)).filteredOn(e -> e.id().equals(EVENT)).singleElement()
                .satisfies(e -> {
                    assertThat(e.titleSv()).isEqualTo("Straff");
                    assertThat(e.lockAt()).isEqualTo(Instant.parse("2099-01-01T12:00:00Z"));
                });
        assertThat(events.openEvents(Instant.parse("2099-01-01T12:00:00Z"), 10_000)).extracting(FeedRows.EventRow::id)
                .doesNotContain(EVENT);
        assertThat(events.published(EVENT)).isPresent();

        jdbc.update("UPDATE events SET status = 'DRAFT' WHERE id = ?", EVENT);

        assertThat(events.openEvents(now, 10_000)).extracting(FeedRows.EventRow::id).doesNotContain(EVENT);
        assertThat(events.published(EVENT)).isEmpty();
    }

    @Test
    void onlyMarketsBeforeTheirLockAndOpenOrSuspendedArePredictable() {
        Instant now = Instant.now();
        assertThat(events.predictableMarkets(List.of(EVENT), now)).extracting(MarketRow::id).containsExactly(FUTURE_LOCK);

        jdbc.update("UPDATE markets SET status = 'SUSPENDED' WHERE id = ?", FUTURE_LOCK);
        assertThat(events.predictableMarkets(List.of(EVENT), now)).extracting(MarketRow::id).containsExactly(FUTURE_LOCK);

        jdbc.update("UPDATE markets SET status = 'LOCKED' WHERE id = ?", FUTURE_LOCK);
        assertThat(events.predictableMarkets(List.of(EVENT), now)).isEmpty();
        assertThat(events.predictableMarkets(List.of(), now)).isEmpty();
    }

    @Test
    void publishedMarketsCarryTheirCurrentVersionAndDraftsAreLeftOut() {
        jdbc.update("UPDATE markets SET status = 'DRAFT' WHERE id = ?", FUTURE_LOCK);

        assertThat(events.publishedMarkets(EVENT)).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(PAST_LOCK);
            assertThat(m.oddsVersionId()).isEqualTo(VERSION);
            assertThat(m.oddsVersionNo()).isEqualTo(1);
            assertThat(m.winningOutcomeId()).isNull();
        });
    }

    @Test
    void outcomesComeInSortOrderWithTheCurrentOddsOrNone() {
        List<OutcomeRow> outcomes = events.outcomes(List.of(PAST_LOCK, FUTURE_LOCK));

        assertThat(outcomes).filteredOn(o -> o.marketId().equals(PAST_LOCK))
                .extracting(OutcomeRow::code, OutcomeRow::decimalOdds, OutcomeRow::fractionalNum, OutcomeRow::fractionalDen)
                .containsExactly(tuple("YES", new BigDecimal("1.8000"), 4, 5),
                        tuple("NO", new BigDecimal("2.0000"), 1, 1));
        assertThat(outcomes).filteredOn(o -> o.marketId().equals(FUTURE_LOCK)).extracting(OutcomeRow::code)
                .containsExactly("YES", "NO");
        assertThat(outcomes).filteredOn(o -> o.marketId().equals(FUTURE_LOCK)).allSatisfy(o -> {
            assertThat(o.decimalOdds()).isNull();
            assertThat(o.fractionalNum()).isNull();
        });
    }

    @Test
    void theEventsRenditionsArePreviewThenReveal() {
        assertThat(events.media(List.of(EVENT))).extracting(FeedRows.MediaRow::mediaType, FeedRows.MediaRow::hlsUrl)
                .containsExactly(tuple("PREVIEW", "/media/sliceFixtureMedia00000/preview.m3u8"),
                        tuple("REVEAL", "/media/sliceFixtureMedia00000/reveal.m3u8"));
        assertThat(events.media(List.of())).isEmpty();
    }
}
