package dev.reveal.live;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;

/** What the live area tells operators through its meters, read the way a test needs it. */
final class LiveMeters {

    private LiveMeters() {
    }

    /** Whether the instance's listener hears notices (its streams get what is committed). */
    static boolean listening(MeterRegistry meters) {
        return meters.get("reveal.live.listening").gauge().value() == 1;
    }

    static int subscribers(MeterRegistry meters) {
        return (int) meters.get("reveal.live.subscribers").gauge().value();
    }

    /** Streams ended since the start, by reason (only reasons that ended one). */
    static Map<String, Long> ended(MeterRegistry meters) {
        Map<String, Long> byReason = new TreeMap<>();
        meters.find("reveal.live.ended").counters().forEach(c -> {
            if (c.count() > 0) {
                byReason.put(c.getId().getTag("reason"), (long) c.count());
            }
        });
        return byReason;
    }

    /** Streams dropped as too slow to read, since the start. */
    static long dropped(MeterRegistry meters) {
        return (long) meters.get("reveal.live.dropped").functionCounter().count();
    }
}
