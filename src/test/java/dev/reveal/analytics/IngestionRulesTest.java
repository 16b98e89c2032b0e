package dev.reveal.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.reveal.support.Gen;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IngestionRulesTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Instant SESSION_START = NOW.minus(Duration.ofHours(2));
    private static final UUID VIEW = UUID.randomUUID();
    private static final Map<String, UUID> TYPES = Map.of("clip_viewed", VIEW);

    private static IngestAnalyticsEvents.Item item(String name, Object occurredAt, Map<String, Object> attributes) {
        return new IngestAnalyticsEvents.Item(name, occurredAt == null ? null : occurredAt.toString(), attributes);
    }

    @Test
    void eachBadItemIsRefusedWithItsIndexAndCode() {
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("k", null);
        List<IngestAnalyticsEvents.Item> items = Arrays.asList(
                item("clip_viewed", NOW, Map.of("clipId", "c1", "position", 3, "muted", true)),
                null,
                item(" ", NOW, null),
                item("clip_liked", NOW, null),
                item("clip_viewed", null, null),
                item("clip_viewed", "yesterday", null),
                item("clip_viewed", NOW.plus(Duration.ofHours(24)).plusSeconds(1), null),
                item("clip_viewed", NOW.minus(Duration.ofHours(24)).minusSeconds(1), null),
                item("clip_viewed", SESSION_START.minusMillis(1), null),
                item("clip_viewed", NOW, Map.of(" ", "x")),
                item("clip_viewed", NOW, Map.of("k".repeat(65), "x")),
                item("clip_viewed", NOW, Map.of("k", "v".repeat(1025))),
                item("clip_viewed", NOW, nullValue),
                item("clip_viewed", NOW, Map.of("k", Map.of("nested", 1))),
                item("clip_viewed", NOW, Map.of("k", "nul\0byte")),
                item("clip_viewed", "2026-06-01T14:00:00+02:00", Map.of("k".repeat(64), "😀".repeat(1024))),
                item("clip_viewed", SESSION_START, Map.of()));

        IngestionRules.Decision d = IngestionRules.decide(items, TYPES, NOW, SESSION_START);

        assertThat(d.refused()).extracting(RefusedItem::index, RefusedItem::code).containsExactly(
                tuple(1, RefusedItem.Code.MISSING_EVENT),
                tuple(2, RefusedItem.Code.MISSING_EVENT_NAME),
                tuple(3, RefusedItem.Code.UNKNOWN_EVENT_TYPE),
                tuple(4, RefusedItem.Code.MISSING_OCCURRED_AT),
                tuple(5, RefusedItem.Code.INVALID_OCCURRED_AT),
                tuple(6, RefusedItem.Code.OCCURRED_AT_OUT_OF_RANGE),
                tuple(7, RefusedItem.Code.OCCURRED_AT_OUT_OF_RANGE),
                tuple(8, RefusedItem.Code.OCCURRED_BEFORE_SESSION),
                tuple(9, RefusedItem.Code.INVALID_ATTRIBUTE_KEY),
                tuple(10, RefusedItem.Code.INVALID_ATTRIBUTE_KEY),
                tuple(11, RefusedItem.Code.INVALID_ATTRIBUTE_VALUE),
                tuple(12, RefusedItem.Code.INVALID_ATTRIBUTE_VALUE),
                tuple(13, RefusedItem.Code.INVALID_ATTRIBUTE_VALUE),
                tuple(14, RefusedItem.Code.INVALID_ATTRIBUTE_VALUE));
        assertThat(d.refused()).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
        assertThat(d.accepted()).extracting(IngestionRules.Accepted::index).containsExactly(0, 15, 16);
        assertThat(d.accepted().get(0).attributes()).containsEntry("position", "3").containsEntry("muted", "true");
        assertThat(d.accepted().get(1).occurredAt()).isEqualTo(NOW);
    }

    @Test
    void exactlyTwentyFourHoursAwayIsStillAccepted() {
        var d = IngestionRules.decide(List.of(item("clip_viewed", NOW.plus(Duration.ofHours(24)), null),
                item("clip_viewed", NOW.minus(Duration.ofHours(24)), null)), TYPES, NOW, NOW.minus(Duration.ofDays(2)));
        assertThat(d.accepted()).hasSize(2);
    }

    @Test
    void limitsCoverEventCountAndAttributeCount() {
        List<IngestAnalyticsEvents.Item> ok = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            ok.add(item("clip_viewed", NOW, attributes(50)));
        }
        assertThat(IngestionRules.limitViolations(ok)).isEmpty();

        List<IngestAnalyticsEvents.Item> tooMany = new ArrayList<>(ok);
        tooMany.add(item("clip_viewed", NOW, null));
        assertThat(IngestionRules.limitViolations(tooMany)).extracting(e -> e.field()).containsExactly("events");

        List<IngestAnalyticsEvents.Item> wide = new ArrayList<>(ok.subList(0, 3));
        wide.set(1, item("clip_viewed", NOW, attributes(51)));
        assertThat(IngestionRules.limitViolations(wide)).extracting(e -> e.field()).containsExactly("events[1].attributes");
    }

    private static Map<String, Object> attributes(int n) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            attributes.put("k" + i, "v");
        }
        return attributes;
    }

    /** Whatever a client sends, an accepted item fits the table constraints, so a batch insert cannot fail. */
    @Test
    void acceptedItemsAlwaysFitTheSchema() {
        Gen.forAll(300, g -> acceptedItemsFit(attributeMap(g), g.between(-3L * 86_400, 2L * 86_400)));
    }

    private static void acceptedItemsFit(Map<String, Object> attributes, long offset) {
        var d = IngestionRules.decide(List.of(item("clip_viewed", NOW.plusSeconds(offset), attributes)), TYPES, NOW,
                SESSION_START);
        assertThat(d.accepted().size() + d.refused().size()).isEqualTo(1);
        for (IngestionRules.Accepted a : d.accepted()) {
            assertThat(a.occurredAt()).isBetween(SESSION_START, NOW.plus(Duration.ofHours(24)));
            a.attributes().forEach((k, v) -> {
                assertThat(k.codePointCount(0, k.length())).isBetween(1, 64);
                assertThat(k).isNotBlank().doesNotContain("\0");
                assertThat(v.codePointCount(0, v.length())).isLessThanOrEqualTo(1024);
                assertThat(v).doesNotContain("\0");
            });
        }
    }

    private static Map<String, Object> attributeMap(Gen g) {
        return g.map(5, () -> g.anyString(0, 70), () -> switch (g.nextInt(4)) {
            case 0 -> (Object) g.anyString(0, 1030);
            case 1 -> (Object) g.anyInt();
            case 2 -> (Object) g.bool();
            default -> (Object) List.of(1);
        });
    }
}
