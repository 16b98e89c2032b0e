package dev.reveal.catalog;

import dev.reveal.platform.Actor;
import dev.reveal.platform.Cursor;
import dev.reveal.platform.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin/v1/events")
@Tag(name = "Events", description = "Operator content: events with media, markets, outcomes and first odds")
class EventController {

    private final EventService service;

    EventController(EventService service) {
        this.service = service;
    }

    @PostMapping
    @Operation(summary = "Create an event with media, markets, outcomes and first odds in one request",
            description = "Everything is validated first (422 VALIDATION_FAILED lists every field; 422 MEDIA_UNAVAILABLE/"
                    + "MEDIA_INVALID when the playlist cannot be used) and written in one transaction. "
                    + "Replaying a sourceRef with the same content answers 200 with the existing event, different content 409.")
    @ApiResponse(responseCode = "201", description = "created")
    @ApiResponse(responseCode = "200", description = "the same sourceRef and content were created before")
    ResponseEntity<EventView> create(@Valid @RequestBody CreateEventRequest request) {
        EventService.Created result = service.create(request, Actor.current());
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(result.event());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One event with everything, including reveal windows, statuses and current odds")
    EventView get(@PathVariable UUID id) {
        return service.get(id);
    }

    @GetMapping
    @Operation(summary = "Events by lock time (keyset pages), filtered by status, sport and lock time range [lockFrom, lockTo)")
    Page<EventSummary> list(@RequestParam(required = false) EventStatus status,
                            @RequestParam(required = false) SportType sportType,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant lockFrom,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant lockTo,
                            @RequestParam(required = false) Integer limit,
                            @RequestParam(required = false) String cursor) {
        return service.list(new Events.ListFilter(status, sportType, lockFrom, lockTo), limit, cursor);
    }

    @GetMapping("/overdue")
    @Operation(summary = "Events past settleAt that still have markets neither settled nor void")
    List<EventSummary> overdue(@RequestParam(required = false) Integer limit) {
        return service.overdue(Cursor.limit(limit));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a DRAFT event's content (same body and rules as create; 409 unless DRAFT)")
    EventView update(@PathVariable UUID id, @Valid @RequestBody CreateEventRequest request) {
        return service.update(id, request, Actor.current());
    }

    @PostMapping("/{id}/publish")
    @Operation(summary = "DRAFT → OPEN with its markets (409 otherwise; 422 LOCK_TIME_PASSED once lockAt has passed)")
    EventView publish(@PathVariable UUID id) {
        return service.publish(id, Actor.current());
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "DRAFT | OPEN | LOCKED → CANCELLED; voids every market not settled or void")
    EventView cancel(@PathVariable UUID id, @Valid @RequestBody(required = false) StatusChangeRequest request) {
        return service.cancel(id, StatusChangeRequest.reasonOf(request), Actor.current());
    }
}
