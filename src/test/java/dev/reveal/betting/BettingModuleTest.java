package dev.reveal.betting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reveal.betting.Outcome.Recorded;
import dev.reveal.platform.Refusal;
import dev.reveal.support.PlatformForModuleTests;
import dev.reveal.support.SliceDatabase;
import dev.reveal.support.Fixtures;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * Betting with only the areas it depends on (players for session owners, the platform), on the real database:
 * the players' directory answers who owns a session and whether it has ended, inside betting's transaction.
 * Betting publishes no facts and listens to none, so there is no Scenario to run.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "experiments")
@Import(PlatformForModuleTests.class)
@SliceDatabase
@ActiveProfiles("test")
@TestPropertySource(properties = "management.endpoint.health.validate-group-membership=false")
class BettingModuleTest {

    @Autowired
    private BetIntentService service;

    @Autowired
    private JdbcTemplate jdbc;

    private PlaceBetIntent command(Fixtures.Player player, Fixtures.OpenMarket m, String key) {
        return new PlaceBetIntent(player.externalRef(), key, player.sessionId(), m.marketId(), m.yesOutcomeId(),
                m.oddsVersionId(), Instant.now(), AcceptOdds.EXACT);
    }

    @Test
    void aPlayersPredictionsAreDecidedOnTheirSessionAndMarket() {
        Fixtures.OpenMarket market = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
        Fixtures.Player player = Fixtures.player(jdbc, "module-" + UUID.randomUUID(), "control");

        PlaceBetIntent request = command(player, market, "first");
        Recorded first = service.place(request);
        assertThat(first.intent().acceptanceCode()).isEqualTo(AcceptanceCode.ACCEPTED);
        assertThat(service.place(request)).isEqualTo(new Recorded(first.intent(), true));
        assertThat(service.place(command(player, market, "second")).intent().acceptanceCode())
                .isEqualTo(AcceptanceCode.ALREADY_PREDICTED);

        jdbc.update("UPDATE sessions SET ended_at = now() WHERE id = ?", player.sessionId());
        assertThat(service.place(command(player, market, "after-end")).intent().acceptanceCode())
                .isEqualTo(AcceptanceCode.SESSION_ENDED);
    }

    @Test
    void anotherPlayersSessionIsNotFound() {
        Fixtures.OpenMarket market = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
        Fixtures.Player owner = Fixtures.player(jdbc, "module-owner-" + UUID.randomUUID(), "control");
        Fixtures.Player other = Fixtures.player(jdbc, "module-other-" + UUID.randomUUID(), "control");
        PlaceBetIntent foreign = new PlaceBetIntent(other.externalRef(), "k", owner.sessionId(), market.marketId(),
                market.yesOutcomeId(), market.oddsVersionId(), Instant.now(), AcceptOdds.EXACT);

        Refusal refused = catchThrowableOfType(Refusal.class, () -> service.place(foreign));

        assertThat(refused.kind()).isEqualTo(Refusal.Kind.NOT_FOUND);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bet_intents WHERE session_id = ?", Long.class,
                owner.sessionId())).isZero();
    }
}
