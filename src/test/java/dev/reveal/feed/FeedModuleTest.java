package dev.reveal.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.EventStatusChanged;
import dev.reveal.catalog.Lifecycle;
import dev.reveal.catalog.MarketStatus;
import dev.reveal.odds.Odds;
import dev.reveal.odds.OddsService;
import dev.reveal.platform.Actor;
import dev.reveal.support.Fixtures;
import dev.reveal.support.SliceDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The feed with the areas it shows (catalog, odds, localization; audit for their write paths) on the slice database:
 * the facts of odds and status changes retire the cached feed, so the next read shows the change. The cache's
 * time bound is set to an hour here, so only the facts can make a cached feed change within the test. Tests commit,
 * so each creates its own event and finds it in the feed by id.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = {"odds", "audit", "platform"})
@SliceDatabase
@ActiveProfiles("test")
@TestPropertySource(properties = {"reveal.feed.max-age=1h", "reveal.feed.max-events=100000"})
class FeedModuleTest {

    static final Actor OPERATOR = new Actor(Actor.Type.OPERATOR, "op-feed-module");
    static final LocaleChain EN = LocaleChain.of("en");

    @Autowired
    FeedService feed;

    @Autowired
    OddsService odds;

    @Autowired
    Lifecycle lifecycle;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    /** A new open event written with direct SQL, which announces nothing: the cache is retired by hand. */
    private Fixtures.OpenMarket openMarket() {
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
        feed.invalidate();
        return m;
    }

    private String body() {
        return new String(feed.feed(EN).body(), StandardCharsets.UTF_8);
    }

    /** The market's status as the cached feed shows it, null when the market is not in it. */
    private String marketStatus(Fixtures.OpenMarket m) {
        for (JsonNode event : json.readTree(feed.feed(EN).body()).path("events")) {
            for (JsonNode market : event.path("markets")) {
                if (market.path("id").asString().equals(m.marketId().toString())) {
                    return market.path("status").asString();
                }
            }
        }
        return null;
    }

    @Test
    void publishedOddsAreInTheNextFeed(Scenario scenario) {
        Fixtures.OpenMarket m = openMarket();
        assertThat(body()).contains(m.oddsVersionId().toString());

        scenario.stimulate(() -> odds.publishInitial(m.marketId(), m.eventId(), Map.of(
                        m.yesOutcomeId(), new Odds(new BigDecimal("1.25"), 1, 4),
                        m.noOutcomeId(), new Odds(new BigDecimal("4.00"), 3, 1)), OPERATOR))
                .andWaitForStateChange(this::body, b -> b.contains("\"1/4\""))
                .andVerify((b, version) -> assertThat(b).contains(version.id().toString())
                        .doesNotContain(m.oddsVersionId().toString()));
    }

    @Test
    void aSuspendedMarketShowsAsSuspendedAndACancelledEventLeavesTheFeed(Scenario scenario) {
        Fixtures.OpenMarket m = openMarket();
        assertThat(marketStatus(m)).isEqualTo("OPEN");

        scenario.stimulate(() -> lifecycle.move(lifecycle.lockMarket(m.marketId()).orElseThrow(), MarketStatus.SUSPENDED,
                        "suspend"))
                .andWaitForStateChange(() -> marketStatus(m), "SUSPENDED"::equals)
                .andVerify(status -> assertThat(status).isEqualTo("SUSPENDED"));

        // direct SQL announces nothing: the cached feed stays until the fact arrives
        jdbc.update("UPDATE events SET status = 'CANCELLED' WHERE id = ?", m.eventId());
        assertThat(body()).contains(m.eventId().toString());

        scenario.publish(new EventStatusChanged(m.eventId(), EventStatus.OPEN, EventStatus.CANCELLED))
                .andWaitForStateChange(this::body, b -> !b.contains(m.eventId().toString()))
                .andVerify(b -> assertThat(b).doesNotContain(m.eventId().toString()));
    }
}
