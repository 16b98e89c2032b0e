package dev.reveal.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.EventStatusChanged;
import dev.reveal.support.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * Settlement with the areas it depends on, on the real database: the fact flow "an event locked" → settlement
 * settles it through the catalog's lifecycle when every market had already closed. Settlement depends on catalog,
 * which depends on odds, localization and audit, and on the platform (whose embedded database this starts).
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@ActiveProfiles("test")
class SettlementModuleTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anEventWhoseMarketsAllClosedSettlesWhenItLocks(Scenario scenario) {
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().minusSeconds(60));
        jdbc.update("UPDATE markets SET status = 'VOID' WHERE id = ?", m.marketId());
        jdbc.update("UPDATE events SET status = 'LOCKED' WHERE id = ?", m.eventId());

        scenario.publish(new EventStatusChanged(m.eventId(), EventStatus.OPEN, EventStatus.LOCKED))
                .andWaitForStateChange(() -> jdbc.queryForObject("SELECT status FROM events WHERE id = ?", String.class,
                        m.eventId()), "SETTLED"::equals)
                .andVerify(status -> assertThat(status).isEqualTo("SETTLED"));
    }
}
