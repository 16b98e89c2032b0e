package dev.reveal.catalog;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** {@code reveal.events.overdue}: events past settle_at with unsettled markets, counted when scraped. */
@Component
class OverdueMetrics {

    OverdueMetrics(MeterRegistry registry, Events events, Clock clock) {
        Gauge.builder("reveal.events.overdue", () -> {
                    try {
                        return events.countOverdue(clock.instant());
                    } catch (RuntimeException e) {
                        return Double.NaN;
                    }
                })
                .description("Events past their settle time with markets neither settled nor void")
                .register(registry);
    }
}
