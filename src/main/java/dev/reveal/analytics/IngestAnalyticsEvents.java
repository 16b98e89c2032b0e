package dev.reveal.analytics;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A player sends a batch of analytics events for one of their sessions. Items are kept as the client sent them
 * (occurredAt as text, attribute values as any JSON value) so that one bad item is refused alone instead of
 * failing the whole body.
 */
record IngestAnalyticsEvents(String playerRef, UUID sessionId, List<Item> events) {

    record Item(String eventName, String occurredAt, Map<String, Object> attributes) {
    }
}
