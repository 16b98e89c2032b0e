package dev.reveal.odds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reveal.platform.Actor;
import dev.reveal.platform.Refusal;
import dev.reveal.support.Fixtures;
import dev.reveal.support.SliceDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * Odds with the areas it depends on (audit; the catalog, which tells it which markets take prices, with its
 * localization; platform) on the slice database: publishing a market's prices announces the new
 * version as {@link OddsPublished}, which the feed and live react to; a market that takes no prices announces
 * nothing. Tests commit, so each creates its own market.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = {"catalog", "localization", "platform"})
@SliceDatabase
@ActiveProfiles("test")
class OddsModuleTest {

    static final Actor OPERATOR = new Actor(Actor.Type.OPERATOR, "op-odds-module");

    @Autowired
    OddsService odds;

    @Autowired
    JdbcTemplate jdbc;

    private static PublishOddsRequest prices(Fixtures.OpenMarket m) {
        return new PublishOddsRequest(List.of(
                new PublishOddsRequest.Price(m.yesOutcomeId(), null, new BigDecimal("1.50"), null),
                new PublishOddsRequest.Price(null, "NO", null, "7/4")));
    }

    @Test
    void publishingPricesAnnouncesTheNextVersion(Scenario scenario) {
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));

        scenario.stimulate(() -> odds.publish(m.marketId(), prices(m), OPERATOR))
                .andWaitForEventOfType(OddsPublished.class)
                .matching(f -> f.marketId().equals(m.marketId()))
                .toArriveAndVerify((fact, view) -> {
                    assertThat(fact).isEqualTo(new OddsPublished(m.marketId(), m.eventId(), view.id(), 2));
                    assertThat(view.prices()).extracting(OddsVersionView.Price::fractionalOdds).containsExactly("1/2", "7/4");
                });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM odds_versions WHERE market_id = ? AND is_current", Long.class,
                m.marketId())).isEqualTo(1);
    }

    @Test
    void aLockedMarketTakesNoPricesAndNothingIsAnnounced(PublishedEvents published) {
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
        jdbc.update("UPDATE markets SET status = 'LOCKED' WHERE id = ?", m.marketId());

        Refusal refusal = catchThrowableOfType(Refusal.class, () -> odds.publish(m.marketId(), prices(m), OPERATOR));

        assertThat(refusal.code()).isEqualTo("INVALID_STATUS_TRANSITION");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM odds_versions WHERE market_id = ?", Long.class, m.marketId()))
                .isEqualTo(1);
        assertThat(published.ofType(OddsPublished.class).matching(f -> f.marketId().equals(m.marketId()))).isEmpty();
    }
}
