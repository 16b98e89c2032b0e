package dev.reveal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.catalog.CreateEventRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCatalogTest {

    private static final Instant LOCK = Instant.parse("2030-01-01T12:00:00Z");
    private static final String SOURCE = "http://localhost:8080/media/demo-source/k/";

    @Test
    void everyShippedClipIsCutOnItsPreviewEndAndEachSportHasItsOwn() throws Exception {
        List<CreateEventRequest> batch = DemoCatalog.batch("b", LOCK, SOURCE,
                clip -> DemoClip.shippedDurationMs(clip).orElseThrow(), true);
        assertThat(batch).extracting(r -> r.media().hlsMasterUrl()).doesNotHaveDuplicates()
                .containsExactly(SOURCE + "penalty/clip.m3u8", SOURCE + "breakaway/clip.m3u8", SOURCE + "breakpoint/clip.m3u8");
        for (CreateEventRequest r : batch) {
            assertThat(r.previewStartMs()).isLessThan(r.previewEndMs());
            assertThat(r.previewEndMs()).isLessThanOrEqualTo(r.revealStartMs());
            assertThat(r.revealStartMs()).isLessThan(r.revealEndMs());
            assertThat(r.revealEndMs()).isEqualTo(r.media().durationMs());
            assertThat(r.mediaValidation()).as("demo clips go through the ingest").isTrue();
        }
        for (String clip : DemoCatalog.clips()) {
            // the preview ends where a segment ends, so the preview rendition is whole segments
            assertThat(segmentEndsMs(clip)).as(clip).contains(DemoCatalog.SHIPPED_PREVIEW_END_MS);
            assertThat(DemoClip.shippedDurationMs(clip)).hasValue(16_000);
            assertThat(DemoClip.hasPoster(clip)).isTrue();
        }
    }

    @Test
    void aBatchIsTheSameRequestsEveryTimeWithStaggeredLocks() {
        List<CreateEventRequest> first = DemoCatalog.batch("s1", LOCK, "http://x/", clip -> 16_000, true);
        assertThat(DemoCatalog.batch("s1", LOCK, "http://x/", clip -> 16_000, true)).isEqualTo(first);
        assertThat(first).extracting(CreateEventRequest::sourceRef).containsExactly("demo-s1-1", "demo-s1-2", "demo-s1-3");
        assertThat(first).extracting(CreateEventRequest::lockAt)
                .containsExactly(LOCK, LOCK.plus(DemoCatalog.LOCK_SPACING), LOCK.plus(DemoCatalog.LOCK_SPACING.multipliedBy(2)));
        assertThat(first).allSatisfy(r -> {
            assertThat(r.settleAt()).isAfter(r.lockAt());
            // the shipped clips: the run-up is the preview, the outcome the reveal
            assertThat(r.previewEndMs()).isEqualTo(8000);
            assertThat(r.revealEndMs()).isEqualTo(16_000);
        });
        assertThat(first.get(0).media().posterUrl()).isEqualTo("http://x/penalty/poster.jpg");
    }

    @Test
    void everyKeyTheEventsUseIsSeededInEnglishAndSwedish() {
        for (CreateEventRequest r : DemoCatalog.batch("s1", LOCK, "http://x/", clip -> 16_000, false)) {
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

    /** Where each segment of the shipped clip ends, in ms from its start (the playlist's EXTINF durations added up). */
    private static List<Integer> segmentEndsMs(String clip) throws Exception {
        try (var in = DemoCatalogTest.class.getClassLoader().getResourceAsStream("demo/clips/" + clip + "/clip.m3u8")) {
            assertThat(in).as("shipped playlist of " + clip).isNotNull();
            List<Integer> ends = new java.util.ArrayList<>();
            double end = 0;
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList()) {
                if (line.startsWith("#EXTINF:")) {
                    end += Double.parseDouble(line.substring("#EXTINF:".length(), line.indexOf(',')));
                    ends.add((int) Math.round(end * 1000));
                }
            }
            return ends;
        }
    }
}
