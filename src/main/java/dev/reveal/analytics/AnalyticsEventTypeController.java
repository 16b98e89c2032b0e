package dev.reveal.analytics;

import dev.reveal.platform.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin/v1/analytics/event-types")
@Tag(name = "Analytics event types", description = "The event types players may send (operator role)")
class AnalyticsEventTypeController {

    private final AnalyticsEventTypeService service;

    AnalyticsEventTypeController(AnalyticsEventTypeService service) {
        this.service = service;
    }

    record RegisterRequest(
            @Schema(example = "clip_played", description = "lowercase snake_case, at most 64 characters, unique")
            @NotNull @Size(max = 64) @Pattern(regexp = "^[a-z][a-z0-9]*(_[a-z0-9]+)*$",
                    message = "must be lowercase snake_case (for example clip_played)") String eventName,
            @Schema(example = "A clip started playing in the feed") @Size(max = 1000) String description) {
    }

    record AnalyticsEventTypeList(List<AnalyticsEventType> items) {
    }

    @PostMapping
    @Operation(summary = "Register an analytics event type (409 EVENT_TYPE_EXISTS when the name is taken)")
    ResponseEntity<AnalyticsEventType> register(@Valid @RequestBody RegisterRequest request) {
        AnalyticsEventType type = service.register(new RegisterAnalyticsEventType(Actor.current(), request.eventName(), request.description()));
        return ResponseEntity.created(URI.create("/admin/v1/analytics/event-types/" + type.id())).body(type);
    }

    @GetMapping
    @Operation(summary = "List the registered analytics event types by name")
    AnalyticsEventTypeList list() {
        return new AnalyticsEventTypeList(service.list());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read one analytics event type")
    AnalyticsEventType get(@PathVariable UUID id) {
        return service.get(id);
    }
}
