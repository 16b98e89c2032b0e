package dev.reveal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.catalog.CreateEventRequest;
import dev.reveal.support.Gen;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCatalogTest {

    private static final Instant LOCK = Instant.parse("2030-01-01T12:00:00Z");

    @Test
    void windowsFitAnyClipInOrder() {
        Gen.forAll(1000, g -> windowsFit(g.between(1000, 600_000)));
    }

    private static void windowsFit(int clipMs) {
        for (CreateEventRequest r : DemoCatalog.batch("b", LOCK, "http://localhost:8080/media/demo/clip.m3u8", null, clipMs)) {
            assertThat(r.previewStartMs()).isLessThan(r.previewEndMs());
            assertThat(r.previewEndMs()).isLessThanOrEqualTo(r.revealStartMs());
            assertThat(r.revealStartMs()).isLessThan(r.revealEndMs());
            assertThat(r.revealEndMs()).isLessThanOrEqualTo(clipMs);
            assertThat(r.media().durationMs()).isEqualTo(clipMs);
        }
    }

    @Test
    void aBatchIsTheSameRequestsEveryTimeWithStaggeredLocks() {
        List<CreateEventRequest> first = DemoCatalog.batch("s1", LOCK, "http://x/clip.m3u8", "http://x/poster.jpg", 15_000);
        assertThat(DemoCatalog.batch("s1", LOCK, "http://x/clip.m3u8", "http://x/poster.jpg", 15_000)).isEqualTo(first);
        assertThat(first).extracting(CreateEventRequest::sourceRef).containsExactly("demo-s1-1", "demo-s1-2", "demo-s1-3");
        assertThat(first).extracting(CreateEventRequest::lockAt)
                .containsExactly(LOCK, LOCK.plus(DemoCatalog.LOCK_SPACING), LOCK.plus(DemoCatalog.LOCK_SPACING.multipliedBy(2)));
        assertThat(first).allSatisfy(r -> {
            assertThat(r.settleAt()).isAfter(r.lockAt());
            // the shipped clip: the run-up is the preview, the shot the reveal
            assertThat(r.previewEndMs()).isEqualTo(8000);
            assertThat(r.revealEndMs()).isEqualTo(15_000);
            assertThat(r.media().posterUrl()).isEqualTo("http://x/poster.jpg");
        });
    }

    @Test
    void everyKeyTheEventsUseIsSeededInEnglishAndSwedish() {
        for (CreateEventRequest r : DemoCatalog.batch("s1", LOCK, "http://x/clip.m3u8", "http://x/poster.jpg", 15_000)) {
            r.markets().forEach(m -> {
                assertThat(DemoCatalog.KEYS).containsKey(m.questionKey());
                m.outcomes().forEach(o -> assertThat(DemoCatalog.KEYS).containsKey(o.labelKey()));
            });
        }
        assertThat(DemoCatalog.KEYS.values()).allSatisfy(v -> assertThat(v).containsKeys("en", "sv"));
    }

    @Test
    void theDurationIsTheSumOfTheSegments() {
        assertThat(DemoClip.durationMs("#EXTM3U\n#EXTINF:2.000000,\na.ts\n#EXTINF:1.5,\nb.ts\n#EXT-X-ENDLIST\n")).isEqualTo(3500);
    }
}
