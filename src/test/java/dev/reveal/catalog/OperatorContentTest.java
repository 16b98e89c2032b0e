package dev.reveal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.IntegrationTest;
import dev.reveal.support.OperatorContent;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The helper other areas' tests use to get content through the real API keeps working. */
class OperatorContentTest extends IntegrationTest {

    @Test
    void createsAnOpenEventWithACurrentOddsVersion() {
        JsonNode event = OperatorContent.openEvent(api, jdbc, Instant.now().plusSeconds(600));
        assertThat(event.get("status").asString()).isEqualTo("OPEN");
        JsonNode market = event.get("markets").get(0);
        assertThat(market.get("status").asString()).isEqualTo("OPEN");
        assertThat(market.get("oddsVersionNo").asInt()).isEqualTo(1);
        assertThat(market.get("outcomes").get(1).get("decimalOdds").decimalValue()).isEqualByComparingTo("2.1");
    }
}
