package dev.reveal.catalog;

import java.util.UUID;

/** Published (inside the changing transaction) whenever an event's status moves; listeners act after commit. */
public record EventStatusChanged(UUID eventId, EventStatus oldStatus, EventStatus newStatus) {
}
