package dev.reveal.demo;

import dev.reveal.catalog.CreateEventRequest;
import dev.reveal.catalog.MarketType;
import dev.reveal.catalog.SportType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/** The demo events and the texts they use. Pure: the same batch key and times give the same requests. */
final class DemoCatalog {

    /** Key name → locale → text. */
    static final Map<String, Map<String, String>> KEYS = keys();

    private record Spec(String clip, SportType sport, String titleEn, String titleSv, String questionKey, MarketType type,
                        List<String[]> outcomes) {
    }

    private static final List<Spec> SPECS = List.of(
            new Spec("penalty", SportType.FOOTBALL, "Penalty: Malmö FF vs AIK", "Straff: Malmö FF mot AIK",
                    "demo.question.penalty", MarketType.YES_NO,
                    List.of(new String[] {"YES", "demo.outcome.yes", "1.70"}, new String[] {"NO", "demo.outcome.no", "2.10"})),
            new Spec("breakaway", SportType.ICE_HOCKEY, "Breakaway: Frölunda vs Färjestad", "Friläge: Frölunda mot Färjestad",
                    "demo.question.breakaway", MarketType.YES_NO,
                    List.of(new String[] {"YES", "demo.outcome.yes", "2.50"}, new String[] {"NO", "demo.outcome.no", "1.50"})),
            new Spec("breakpoint", SportType.TENNIS, "Break point: Stockholm Open", "Breakboll: Stockholm Open",
                    "demo.question.rally", MarketType.MULTIPLE_CHOICE,
                    List.of(new String[] {"WINNER", "demo.outcome.winner", "2.20"},
                            new String[] {"ERROR", "demo.outcome.error", "2.00"},
                            new String[] {"ACE", "demo.outcome.ace", "6.00"})));

    static final Duration LOCK_SPACING = Duration.ofMinutes(2);
    static final Duration SETTLE_AFTER_LOCK = Duration.ofMinutes(5);

    private DemoCatalog() {
    }

    /** Each shipped clip's run-up ends here, on a segment boundary, and the outcome follows (scripts/make-demo-clip.sh). */
    static final int SHIPPED_PREVIEW_END_MS = 8000;

    /** The shipped clip of each demo event, in batch order. */
    static List<String> clips() {
        return SPECS.stream().map(Spec::clip).toList();
    }

    /**
     * One request per demo event of the batch {@code batch}; the first locks at {@code firstLock}, the others
     * {@link #LOCK_SPACING} apart. Each event has its sport's clip at {@code sourceBase + clip + "/clip.m3u8"}
     * (taken in and cut by the catalog); the preview is the run-up, the reveal the rest of the clip.
     */
    static List<CreateEventRequest> batch(String batch, Instant firstLock, String sourceBase, ToIntFunction<String> clipMs,
                                          boolean posters) {
        List<CreateEventRequest> requests = new ArrayList<>();
        for (int i = 0; i < SPECS.size(); i++) {
            Spec s = SPECS.get(i);
            Instant lockAt = firstLock.plus(LOCK_SPACING.multipliedBy(i));
            int duration = clipMs.applyAsInt(s.clip());
            List<CreateEventRequest.Outcome> outcomes = s.outcomes().stream()
                    .map(o -> new CreateEventRequest.Outcome(o[0], o[1], null, new BigDecimal(o[2]), null)).toList();
            String clip = sourceBase + s.clip() + "/";
            requests.add(new CreateEventRequest(DemoEvents.SOURCE_REF_PREFIX + batch + "-" + (i + 1), s.sport(),
                    s.titleEn(), s.titleSv(), 0, SHIPPED_PREVIEW_END_MS, SHIPPED_PREVIEW_END_MS, duration, lockAt,
                    lockAt.plus(SETTLE_AFTER_LOCK), true,
                    new CreateEventRequest.Media(clip + "clip.m3u8", posters ? clip + "poster.jpg" : null, duration,
                            null, null, null, null),
                    List.of(new CreateEventRequest.Market(s.questionKey(), s.type(), null, null, outcomes))));
        }
        return requests;
    }

    private static Map<String, Map<String, String>> keys() {
        Map<String, Map<String, String>> k = new LinkedHashMap<>();
        k.put("demo.question.penalty", Map.of("en", "Will the penalty be scored?", "sv", "Blir straffen mål?"));
        k.put("demo.question.breakaway", Map.of("en", "Will the breakaway end in a goal?", "sv", "Blir friläget mål?"));
        k.put("demo.question.rally", Map.of("en", "How does the point end?", "sv", "Hur slutar bollen?"));
        k.put("demo.outcome.yes", Map.of("en", "Yes", "sv", "Ja"));
        k.put("demo.outcome.no", Map.of("en", "No", "sv", "Nej"));
        k.put("demo.outcome.winner", Map.of("en", "A winner", "sv", "En vinnare"));
        k.put("demo.outcome.error", Map.of("en", "An error", "sv", "Ett misstag"));
        k.put("demo.outcome.ace", Map.of("en", "An ace", "sv", "Ett serveess"));
        return Map.copyOf(k);
    }
}
