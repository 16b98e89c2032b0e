package dev.reveal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.platform.Refusal.FieldError;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure rules, without Spring or a database. */
class EventRulesTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    @Test
    void aValidEventHasNoErrorsAndGetsItsDefaults() {
        CreateEventRequest r = request(0, 8000, 8000, 15000, NOW.plusSeconds(60), NOW.plusSeconds(600));
        assertThat(EventRules.check(r, NOW, Set.of())).isEmpty();
        EventDraft draft = EventRules.draft(r);
        assertThat(draft.markets().get(0).lockAt()).isEqualTo(r.lockAt());
        assertThat(draft.media().windows()).isEqualTo(draft.windows());
        assertThat(draft.markets().get(0).outcomes().get(1).sortOrder()).isEqualTo(1);
        assertThat(draft.markets().get(0).outcomes().get(1).odds().fractional()).isEqualTo("11/10");
    }

    @Test
    void everyBrokenRuleIsReportedTogether() {
        CreateEventRequest r = request(5000, 5000, 4000, 4000, NOW, NOW);
        List<String> fields = EventRules.check(r, NOW, Set.of("q", "yes")).stream().map(FieldError::field).toList();
        assertThat(fields).containsExactlyInAnyOrder("lockAt", "settleAt", "previewEndMs", "revealStartMs", "revealEndMs",
                "markets[0].questionKey", "markets[0].outcomes[0].labelKey");
    }

    @Test
    void windowsMustEndWithinTheClip() {
        CreateEventRequest r = request(0, 8000, 8000, 15000, NOW.plusSeconds(60), NOW.plusSeconds(600));
        EventDraft draft = EventRules.draft(r);
        assertThat(EventRules.windowsInsideDuration(draft, 15000)).isEmpty();
        assertThat(EventRules.windowsInsideDuration(draft, 14999)).extracting(FieldError::field).containsExactly("revealEndMs");
    }

    private static CreateEventRequest request(int ps, int pe, int rs, int re, Instant lockAt, Instant settleAt) {
        return new CreateEventRequest("ref", SportType.FOOTBALL, "Title", null, ps, pe, rs, re, lockAt, settleAt, false,
                new CreateEventRequest.Media("https://cdn.example/a.m3u8", null, null, null, null, null, null),
                List.of(new CreateEventRequest.Market("q", MarketType.YES_NO, null, null, List.of(
                        new CreateEventRequest.Outcome("YES", "yes", null, new BigDecimal("1.8"), null),
                        new CreateEventRequest.Outcome("NO", "no", null, null, "11/10")))));
    }
}
