package dev.reveal.audit;

import dev.reveal.platform.Actor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One action to audit: who did what to which target, with a note and attributes such as old and new status.
 * Build with {@link #of(Actor, String, String, UUID)} and add attributes with {@link #with(String, Object)}.
 */
public record AuditEntry(Actor actor, String action, String targetType, UUID targetId, String note,
                         Map<String, String> attributes) {

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetType, "targetType");
        attributes = Map.copyOf(attributes);
    }

    public static AuditEntry of(Actor actor, String action, String targetType, UUID targetId) {
        return new AuditEntry(actor, action, targetType, targetId, null, Map.of());
    }

    public AuditEntry withNote(String newNote) {
        return new AuditEntry(actor, action, targetType, targetId, newNote, attributes);
    }

    /** Adds an attribute; a null value is recorded as absent (for example "no previous winner"). */
    public AuditEntry with(String key, Object value) {
        Map<String, String> copy = new LinkedHashMap<>(attributes);
        if (value != null) {
            copy.put(key, value.toString());
        }
        return new AuditEntry(actor, action, targetType, targetId, note, copy);
    }
}
