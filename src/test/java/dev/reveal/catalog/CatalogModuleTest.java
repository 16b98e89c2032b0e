package dev.reveal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.platform.Actor;
import dev.reveal.support.Fixtures;
import dev.reveal.support.SliceDatabase;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * The catalog with the areas it depends on (odds, localization; audit and platform for their beans) on the slice database: status moves
 * through the catalog's write path publish the status facts other areas react to. Tests commit, so each creates its
 * own event.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = {"audit", "platform"})
@SliceDatabase
@ActiveProfiles("test")
class CatalogModuleTest {

    static final Actor OPERATOR = new Actor(Actor.Type.OPERATOR, "op-catalog-module");

    @Autowired
    EventService events;

    @Autowired
    MarketService markets;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void publishingADraftAnnouncesTheEventOpeningWithItsMarkets(Scenario scenario) {
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
        jdbc.update("UPDATE events SET status = 'DRAFT' WHERE id = ?", m.eventId());
        jdbc.update("UPDATE markets SET status = 'DRAFT' WHERE id = ?", m.marketId());

        scenario.stimulate(() -> events.publish(m.eventId(), OPERATOR))
                .andWaitForEventOfType(EventStatusChanged.class)
                .matching(f -> f.eventId().equals(m.eventId()))
                .toArriveAndVerify((fact, view) -> {
                    assertThat(fact).isEqualTo(new EventStatusChanged(m.eventId(), EventStatus.DRAFT, EventStatus.OPEN));
                    assertThat(view.status()).isEqualTo(EventStatus.OPEN);
                    assertThat(view.markets()).extracting(EventView.MarketView::status).containsExactly(MarketStatus.OPEN);
                });
    }

    @Test
    void anOperatorsSuspensionIsAnnouncedAndAudited(Scenario scenario) {
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));

        scenario.stimulate(() -> markets.move(m.marketId(), MarketService.Move.SUSPEND, "VAR check", OPERATOR))
                .andWaitForEventOfType(MarketStatusChanged.class)
                .matching(f -> f.marketId().equals(m.marketId()) && f.oldStatus() == MarketStatus.OPEN)
                .toArriveAndVerify(fact -> assertThat(fact.newStatus()).isEqualTo(MarketStatus.SUSPENDED));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_logs WHERE target_id = ? AND action_name = 'MARKET_SUSPENDED'",
                Long.class, m.marketId())).isEqualTo(1);
    }

    @Test
    void cancellingAnOpenEventVoidsItsMarketsWithAFactForEach(Scenario scenario) {
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));

        scenario.stimulate(() -> events.cancel(m.eventId(), "abandoned", OPERATOR))
                .andWaitForEventOfType(MarketStatusChanged.class)
                .matching(f -> f.marketId().equals(m.marketId()))
                .toArriveAndVerify(fact -> assertThat(fact.newStatus()).isEqualTo(MarketStatus.VOID));
        assertThat(jdbc.queryForObject("SELECT status FROM events WHERE id = ?", String.class, m.eventId()))
                .isEqualTo("CANCELLED");
    }
}
