package dev.reveal.analytics;

import dev.reveal.platform.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Analytics", description = "Players' analytics events")
class IngestionController {

    private final IngestionService service;

    IngestionController(IngestionService service) {
        this.service = service;
    }

    record AnalyticsEventBatch(
            @Schema(description = "one of the caller's own sessions") @NotNull UUID sessionId,
            @Schema(description = "at most 500 events") @NotNull List<AnalyticsEvent> events) {
    }

    record AnalyticsEvent(
            @Schema(example = "clip_played") String eventName,
            @Schema(example = "2026-01-01T12:00:00Z", format = "date-time") String occurredAt,
            @Schema(description = "at most 50; keys 1..64 characters; values strings (numbers and booleans are stored as text) of at most 1024 characters",
                    example = "{\"clipId\": \"c-42\", \"position\": 3}") Map<String, Object> attributes) {
    }

    @PostMapping("/api/v1/analytics/events")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a batch of analytics events for one of your sessions; invalid items are refused one by one")
    IngestionResult ingest(@Valid @RequestBody AnalyticsEventBatch batch) {
        List<IngestAnalyticsEvents.Item> items = batch.events().stream()
                .map(e -> e == null ? null : new IngestAnalyticsEvents.Item(e.eventName(), e.occurredAt(), e.attributes()))
                .toList();
        return service.ingest(new IngestAnalyticsEvents(Actor.current().id(), batch.sessionId(), items));
    }
}
