package dev.reveal.analytics;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Event name → type id for ingestion, so a batch costs no lookup once its types are known. Types are never
 * renamed or deleted, so an entry never goes stale; a name missing here (registered after start-up or on another
 * instance) is looked up in the database once per batch and remembered when found.
 */
@Component
class AnalyticsEventTypeCatalog {

    private final AnalyticsEventTypes eventTypes;
    private final Map<String, UUID> ids = new ConcurrentHashMap<>();

    AnalyticsEventTypeCatalog(AnalyticsEventTypes eventTypes) {
        this.eventTypes = eventTypes;
    }

    /** The ids of the names that are registered; unregistered names are absent from the answer. */
    Map<String, UUID> resolve(Collection<String> names) {
        Map<String, UUID> found = new HashMap<>();
        List<String> missing = names.stream().distinct().filter(name -> {
            UUID id = ids.get(name);
            if (id != null) {
                found.put(name, id);
            }
            return id == null;
        }).toList();
        if (!missing.isEmpty()) {
            Map<String, UUID> loaded = eventTypes.idsByName(missing);
            ids.putAll(loaded);
            found.putAll(loaded);
        }
        return found;
    }

    void remember(AnalyticsEventType type) {
        ids.put(type.eventName(), type.id());
    }
}
