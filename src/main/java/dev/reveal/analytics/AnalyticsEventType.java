package dev.reveal.analytics;

import java.util.UUID;

/** A registered analytics event type. */
record AnalyticsEventType(UUID id, String eventName, String description) {
}
