package dev.reveal.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reveal.feed.FeedRows.EventRow;
import dev.reveal.feed.FeedRows.MarketRow;
import dev.reveal.feed.FeedRows.MediaRow;
import dev.reveal.feed.FeedRows.OutcomeRow;
import dev.reveal.feed.FeedViews.EventView;
import dev.reveal.platform.Refusal;
import dev.reveal.support.Gen;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FeedAssemblerTest {

    private static final Instant LOCK = Instant.parse("2026-05-01T12:00:00Z");
    private static final UUID EVENT = UUID.randomUUID();
    private static final UUID MARKET = UUID.randomUUID();
    private static final UUID WINNER = UUID.randomUUID();

    private static EventView assemble(String eventStatus, String marketStatus, Instant now, boolean detail) {
        EventRow e = new EventRow(EVENT, "FOOTBALL", "Penalty", "Straff", eventStatus, 0, 8000, 8000, 15000, LOCK);
        MediaRow media = new MediaRow(UUID.randomUUID(), EVENT, "PREVIEW", "/media/p/preview.m3u8", null, 20000, 0, 8000, 8000, 15000);
        MediaRow reveal = new MediaRow(UUID.randomUUID(), EVENT, "REVEAL", "/media/r/reveal.m3u8", null, 20000, 0, 8000, 8000, 15000);
        MarketRow market = new MarketRow(MARKET, EVENT, "q", "YES_NO", marketStatus, LOCK, UUID.randomUUID(), 1, WINNER);
        OutcomeRow yes = new OutcomeRow(WINNER, MARKET, "YES", "yes", 0, new BigDecimal("1.8000"), 4, 5);
        FeedAssembler a = new FeedAssembler(LocaleChain.of("sv-SE"), Map.of("q", "Går den in?"), now, url -> url + "?signed");
        return detail ? a.detail(e, List.of(media, reveal), List.of(market), Map.of(MARKET, List.of(yes)))
                : a.feedEntry(e, List.of(media, reveal), List.of(market), Map.of(MARKET, List.of(yes)));
    }

    @Test
    void feedEntriesNeverRevealWhateverTheRows() {
        Gen.forAll(1000, g -> neverRevealed(g.oneOf("OPEN", "LOCKED", "SETTLED", "CANCELLED"),
                g.oneOf("OPEN", "SUSPENDED", "LOCKED", "SETTLED", "VOID"), g.between(-3600, 3600)));
    }

    private static void neverRevealed(String eventStatus, String marketStatus, int offset) {
        EventView v = assemble(eventStatus, marketStatus, LOCK.plusSeconds(offset), false);
        assertThat(v.revealStartMs()).isNull();
        assertThat(v.revealEndMs()).isNull();
        assertThat(v.media()).extracting(FeedViews.MediaView::mediaType).containsExactly("PREVIEW");
        assertThat(v.media().get(0).revealStartMs()).isNull();
        assertThat(v.markets().get(0).winningOutcomeId()).isNull();
    }

    @Test
    void detailRevealsFromLockAndShowsWinnersOfSettledMarketsOnly() {
        assertThat(assemble("OPEN", "OPEN", LOCK.minusMillis(1), true).revealStartMs()).isNull();
        // the reveal rendition, with a signed link, from the lock on; the preview always
        assertThat(assemble("OPEN", "OPEN", LOCK.minusMillis(1), true).media()).extracting(FeedViews.MediaView::mediaType)
                .containsExactly("PREVIEW");
        assertThat(assemble("OPEN", "OPEN", LOCK, true).media()).extracting(FeedViews.MediaView::hlsUrl)
                .containsExactly("/media/p/preview.m3u8", "/media/r/reveal.m3u8?signed");
        assertThat(assemble("OPEN", "OPEN", LOCK, true).revealStartMs()).as("by time").isEqualTo(8000);
        assertThat(assemble("LOCKED", "LOCKED", LOCK.minusSeconds(60), true).media().get(0).revealEndMs()).isEqualTo(15000);
        assertThat(assemble("CANCELLED", "VOID", LOCK.minusSeconds(60), true).revealStartMs()).isNull();
        assertThat(assemble("SETTLED", "SETTLED", LOCK.plusSeconds(60), true).markets().get(0).winningOutcomeId()).isEqualTo(WINNER);
        assertThat(assemble("SETTLED", "VOID", LOCK.plusSeconds(60), true).markets().get(0).winningOutcomeId()).isNull();
        assertThat(assemble("OPEN", "OPEN", LOCK.plusSeconds(1), true).markets().get(0).status()).isEqualTo("LOCKED");
    }

    @Test
    void localizesTitlesQuestionsAndFormatsOdds() {
        EventView v = assemble("OPEN", "OPEN", LOCK.minusSeconds(60), false);
        assertThat(v.title()).isEqualTo("Straff");
        assertThat(v.markets().get(0).question()).isEqualTo("Går den in?");
        assertThat(v.markets().get(0).outcomes().get(0).label()).as("no text: the key").isEqualTo("yes");
        assertThat(v.markets().get(0).outcomes().get(0).decimalOdds()).isEqualTo(new BigDecimal("1.80"));
        assertThat(v.markets().get(0).outcomes().get(0).fractionalOdds()).isEqualTo("4/5");
        assertThat(FeedAssembler.decimal(new BigDecimal("1.8750"))).isEqualTo(new BigDecimal("1.875"));
    }

    @Test
    void localeChains() {
        assertThat(LocaleChain.of("sv-SE").chain()).containsExactly("sv-SE", "sv", "en");
        assertThat(LocaleChain.of("sv_se").chain()).containsExactly("sv-SE", "sv", "en");
        assertThat(LocaleChain.of("en-GB").chain()).containsExactly("en-GB", "en");
        assertThat(LocaleChain.of("en").chain()).containsExactly("en");
        assertThat(LocaleChain.of(null).chain()).containsExactly("en");
        assertThatThrownBy(() -> LocaleChain.of("english!")).isInstanceOf(Refusal.class);
        assertThat(FeedService.matches("W/\"a\", \"b\"", "\"a\"")).isTrue();
        assertThat(FeedService.matches("*", "\"a\"")).isTrue();
        assertThat(FeedService.matches("\"b\"", "\"a\"")).isFalse();
    }
}
