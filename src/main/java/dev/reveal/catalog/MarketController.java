package dev.reveal.catalog;

import dev.reveal.platform.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin/v1/markets/{id}")
@Tag(name = "Markets", description = "Operator status moves of one market")
class MarketController {

    private final MarketService service;

    MarketController(MarketService service) {
        this.service = service;
    }

    record MarketStatusView(UUID id, MarketStatus status) {
    }

    @PostMapping("/suspend")
    @Operation(summary = "OPEN → SUSPENDED (409 INVALID_STATUS_TRANSITION with currentStatus otherwise)")
    MarketStatusView suspend(@PathVariable UUID id, @Valid @RequestBody(required = false) StatusChangeRequest request) {
        return new MarketStatusView(id, service.move(id, MarketService.Move.SUSPEND, StatusChangeRequest.reasonOf(request),
                Actor.current()));
    }

    @PostMapping("/resume")
    @Operation(summary = "SUSPENDED → OPEN (409 otherwise)")
    MarketStatusView resume(@PathVariable UUID id, @Valid @RequestBody(required = false) StatusChangeRequest request) {
        return new MarketStatusView(id, service.move(id, MarketService.Move.RESUME, StatusChangeRequest.reasonOf(request),
                Actor.current()));
    }

    @PostMapping("/lock")
    @Operation(summary = "OPEN | SUSPENDED → LOCKED before lockAt (409 otherwise)")
    MarketStatusView lock(@PathVariable UUID id, @Valid @RequestBody(required = false) StatusChangeRequest request) {
        return new MarketStatusView(id, service.move(id, MarketService.Move.LOCK, StatusChangeRequest.reasonOf(request),
                Actor.current()));
    }
}
