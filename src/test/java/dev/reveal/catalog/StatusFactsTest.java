package dev.reveal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.odds.OddsPublished;
import dev.reveal.platform.Actor;
import dev.reveal.support.IntegrationTest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.json.JsonMapper;

/** Every status move publishes its fact (listeners in other areas react after commit). */
@RecordApplicationEvents
class StatusFactsTest extends IntegrationTest {

    private static final Actor OPERATOR = new Actor(Actor.Type.OPERATOR, "op-facts");

    @Autowired
    ApplicationEvents facts;
    @Autowired
    EventService events;
    @Autowired
    MarketService markets;
    @Autowired
    LifecycleJob job;
    @Autowired
    JsonMapper mapper;

    @Test
    void creationPublishLockAndCancelPublishTheirFacts() {
        Map<String, Object> body = CatalogTestData.event(CatalogTestData.keys(jdbc));
        CreateEventRequest request = mapper.convertValue(body, CreateEventRequest.class);
        EventView created = events.create(request, OPERATOR).event();
        UUID marketId = created.markets().get(0).id();
        assertThat(facts.stream(OddsPublished.class)).anyMatch(f -> f.marketId().equals(marketId) && f.versionNo() == 1);

        events.publish(created.id(), OPERATOR);
        assertThat(facts.stream(EventStatusChanged.class))
                .contains(new EventStatusChanged(created.id(), EventStatus.DRAFT, EventStatus.OPEN));
        assertThat(facts.stream(MarketStatusChanged.class))
                .contains(new MarketStatusChanged(marketId, created.id(), MarketStatus.DRAFT, MarketStatus.OPEN));

        markets.move(marketId, MarketService.Move.SUSPEND, null, OPERATOR);
        assertThat(facts.stream(MarketStatusChanged.class))
                .contains(new MarketStatusChanged(marketId, created.id(), MarketStatus.OPEN, MarketStatus.SUSPENDED));

        jdbc.update("UPDATE markets SET lock_at = ? WHERE id = ?", java.sql.Timestamp.from(Instant.now().minusSeconds(1)), marketId);
        jdbc.update("UPDATE events SET lock_at = ? WHERE id = ?", java.sql.Timestamp.from(Instant.now().minusSeconds(1)), created.id());
        job.runOnce();
        assertThat(facts.stream(MarketStatusChanged.class))
                .contains(new MarketStatusChanged(marketId, created.id(), MarketStatus.SUSPENDED, MarketStatus.LOCKED));
        assertThat(facts.stream(EventStatusChanged.class))
                .contains(new EventStatusChanged(created.id(), EventStatus.OPEN, EventStatus.LOCKED));

        events.cancel(created.id(), "abandoned", OPERATOR);
        assertThat(facts.stream(EventStatusChanged.class))
                .contains(new EventStatusChanged(created.id(), EventStatus.LOCKED, EventStatus.CANCELLED));
        assertThat(facts.stream(MarketStatusChanged.class))
                .contains(new MarketStatusChanged(marketId, created.id(), MarketStatus.LOCKED, MarketStatus.VOID));
    }
}
