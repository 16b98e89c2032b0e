package dev.reveal.live;

import io.micrometer.core.instrument.MeterRegistry;

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

    /** Streams dropped as too slow to read, since the start. */
    static long dropped(MeterRegistry meters) {
        return (long) meters.get("reveal.live.dropped").functionCounter().count();
    }
}
