package dev.reveal.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.BDDMockito.given;

import dev.reveal.catalog.RevealLinks;
import dev.reveal.support.SliceDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.context.jdbc.Sql;

/**
 * What a notice announces, read on the real database with the market and media fixtures: a version's prices in
 * outcome order, and an event's reveal windows and reveal link only once it is locked (spoiler safety). The catalog's
 * link signing is replaced: its own tests cover the signature.
 */
@JdbcTest
@SliceDatabase
@Sql({"/fixtures/market.sql", "/fixtures/event-media.sql"})
@Import(LiveContent.class)
class LiveContentJdbcTest {

    static final UUID EVENT = UUID.fromString("00000000-0000-7000-8000-0000000000e0");
    static final UUID MARKET = UUID.fromString("00000000-0000-7000-8000-0000000000a1");
    static final UUID VERSION = UUID.fromString("00000000-0000-7000-8000-0000000000c1");

    @Autowired
    LiveContent content;

    @Autowired
    JdbcTemplate jdbc;

    @MockitoBean
    RevealLinks links;

    @Test
    void anOddsNoticeCarriesTheVersionsPricesInOutcomeOrder() {
        LiveContent.OddsUpdate update = content.odds(Notice.odds(MARKET, EVENT, VERSION));

        assertThat(update.versionNo()).isEqualTo(1);
        assertThat(update.outcomes()).extracting(LiveContent.OutcomeOdds::outcomeCode, LiveContent.OutcomeOdds::decimalOdds,
                        LiveContent.OutcomeOdds::fractional)
                .containsExactly(tuple("YES", new BigDecimal("1.8000"), "4/5"), tuple("NO", new BigDecimal("2.0000"), "1/1"));
        assertThat(content.odds(Notice.odds(MARKET, EVENT, UUID.randomUUID())).outcomes()).isEmpty();
    }

    @Test
    void anOpenEventRevealsNothingAndALockedOneItsWindowsAndSignedRevealLink() {
        given(links.signedPlaylist("/media/sliceFixtureMedia00000/reveal.m3u8")).willReturn("signed-reveal");

        LiveContent.EventUpdate open = content.event(Notice.event(EVENT, "OPEN"));
        assertThat(open.revealStartMs()).isNull();
        assertThat(open.media()).isNull();

        LiveContent.EventUpdate locked = content.event(Notice.event(EVENT, "LOCKED"));
        assertThat(locked.revealStartMs()).isEqualTo(8000);
        assertThat(locked.revealEndMs()).isEqualTo(15000);
        assertThat(locked.media()).extracting(LiveContent.MediaReveal::mediaType, LiveContent.MediaReveal::hlsUrl)
                .containsExactly(tuple("PREVIEW", null), tuple("REVEAL", "signed-reveal"));
    }

    @Test
    void aCorrectionIsASettledMarketMarkedCorrected() {
        assertThat(content.market(Notice.market(MARKET, EVENT, Notice.CORRECTED)))
                .isEqualTo(new LiveContent.MarketUpdate(MARKET, EVENT, "SETTLED", true));
        assertThat(content.market(Notice.market(MARKET, EVENT, "SUSPENDED")))
                .isEqualTo(new LiveContent.MarketUpdate(MARKET, EVENT, "SUSPENDED", null));
        assertThat(content.results(MARKET, List.of())).isEmpty();
        assertThat(content.results(MARKET, List.of("nobody-" + UUID.randomUUID()))).isEmpty();
    }
}
