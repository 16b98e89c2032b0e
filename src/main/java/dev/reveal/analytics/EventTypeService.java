package dev.reveal.analytics;

import dev.reveal.audit.AuditEntry;
import dev.reveal.audit.AuditLog;
import dev.reveal.platform.Ids;
import dev.reveal.platform.Refusal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@Service
class EventTypeService {

    private final EventTypes eventTypes;
    private final EventTypeCatalog catalog;
    private final AuditLog auditLog;

    EventTypeService(EventTypes eventTypes, EventTypeCatalog catalog, AuditLog auditLog) {
        this.eventTypes = eventTypes;
        this.catalog = catalog;
        this.auditLog = auditLog;
    }

    @Transactional
    public EventType register(RegisterEventType command) {
        EventType type = eventTypes.insert(Ids.newId(), command.eventName(), command.description())
                .orElseThrow(() -> new Refusal(Refusal.Kind.CONFLICT, "EVENT_TYPE_EXISTS",
                        "an event type named " + command.eventName() + " is already registered",
                        Map.of("eventName", command.eventName())));
        auditLog.record(AuditEntry.of(command.actor(), "ANALYTICS_EVENT_TYPE_REGISTERED", "ANALYTICS_EVENT_TYPE", type.id())
                .with("eventName", type.eventName())
                .with("description", type.description()));
        // Only a committed type may be offered to ingestion: a rolled-back one would break its foreign key.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                catalog.remember(type);
            }
        });
        return type;
    }

    @Transactional(readOnly = true)
    public EventType get(UUID id) {
        return eventTypes.byId(id).orElseThrow(() -> Refusal.notFound("analytics event type", id));
    }

    @Transactional(readOnly = true)
    public List<EventType> list() {
        return eventTypes.all();
    }
}
