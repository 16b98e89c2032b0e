package dev.reveal.betting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reveal.platform.Refusal;
import dev.reveal.support.Gen;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlaceBetIntentTest {

    private static PlaceBetIntent withKey(String key) {
        return new PlaceBetIntent("ref", key, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                Instant.parse("2026-01-01T00:00:00.123456789Z"), null);
    }

    @Test
    void visibleAsciiKeysOfOneTo255CharactersAreAccepted() {
        Gen.forAll(1000, g -> {
            String key = g.string('!', '~', 1, 255);
            assertThat(withKey(key).idempotencyKey()).isEqualTo(key);
        });
    }

    @Test
    void otherKeysAreBadRequests() {
        for (String bad : new String[] {"a b", "nön-ascii", "tab\tx", "x".repeat(256), "\u007f"}) {
            assertThatThrownBy(() -> withKey(bad)).isInstanceOf(Refusal.class)
                    .extracting(e -> ((Refusal) e).code()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
        }
        assertThatThrownBy(() -> withKey(null)).extracting(e -> ((Refusal) e).code())
                .isEqualTo("MISSING_IDEMPOTENCY_KEY");
    }

    @Test
    void defaultsToExactOddsAndMicrosecondClientTime() {
        PlaceBetIntent c = withKey("k");
        assertThat(c.acceptOdds()).isEqualTo(AcceptOdds.EXACT);
        assertThat(c.clientSentAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    }
}
