package dev.reveal.localization;

import dev.reveal.audit.AuditEntry;
import dev.reveal.audit.AuditLog;
import dev.reveal.platform.Actor;
import dev.reveal.platform.LocaleCodes;
import dev.reveal.platform.Refusal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Localization keys and values; {@link #missingKeys} is what other areas use to check the keys they reference. */
@Service
public class LocalizationService {

    private final LocalizationKeys keys;
    private final Texts texts;
    private final AuditLog audit;

    LocalizationService(LocalizationKeys keys, Texts texts, AuditLog audit) {
        this.keys = keys;
        this.texts = texts;
        this.audit = audit;
    }

    /**
     * Each key's text in the first locale of {@code localeChain} (most specific first) that has one; keys without
     * any text are absent. For read models: it may lag the primary and joins the caller's stale-read snapshot.
     */
    public Map<String, String> texts(Collection<String> keyNames, List<String> localeChain) {
        return texts.resolve(keyNames, localeChain);
    }

    /** The names among {@code keyNames} that are not defined. */
    @Transactional(readOnly = true)
    public Set<String> missingKeys(Collection<String> keyNames) {
        Set<String> wanted = new TreeSet<>(keyNames);
        wanted.removeAll(keys.existing(wanted));
        return wanted;
    }

    @Transactional
    LocalizationKeyView create(LocalizationKeyRequest request, Actor actor) {
        if (request.keyName() == null) {
            throw new Refusal(Refusal.Kind.MALFORMED, "VALIDATION_FAILED",
                    "keyName: must not be null",
                    List.of(new Refusal.FieldError("keyName", "must not be null")), Map.of());
        }
        UUID id = keys.insert(request.keyName(), request.description()).orElseThrow(() -> Refusal.conflict(
                "LOCALIZATION_KEY_EXISTS", "localization key " + request.keyName() + " already exists"));
        keys.upsertValues(id, request.valuesOrEmpty());
        audit.record(AuditEntry.of(actor, "LOCALIZATION_KEY_CREATED", "LOCALIZATION_KEY", id)
                .with("keyName", request.keyName()).with("locales", locales(request.valuesOrEmpty())));
        return keys.find(request.keyName()).orElseThrow();
    }

    /** Creates the key or updates its description and the given locales; true in {@code created} when it was new. */
    @Transactional
    Upserted upsert(String keyName, LocalizationKeyRequest request, Actor actor) {
        if (request.keyName() != null && !request.keyName().equals(keyName)) {
            throw Refusal.invalidFields(List.of(new Refusal.FieldError("keyName",
                    "must match the key in the path or be omitted")));
        }
        LocalizationKeys.UpsertedKey key = keys.upsert(keyName, request.description());
        keys.upsertValues(key.id(), request.valuesOrEmpty());
        audit.record(AuditEntry.of(actor, key.created() ? "LOCALIZATION_KEY_CREATED" : "LOCALIZATION_KEY_UPDATED",
                        "LOCALIZATION_KEY", key.id())
                .with("keyName", keyName).with("locales", locales(request.valuesOrEmpty()))
                .with("descriptionChanged", request.description() != null));
        return new Upserted(keys.find(keyName).orElseThrow(), key.created());
    }

    record Upserted(LocalizationKeyView key, boolean created) {
    }

    @Transactional(readOnly = true)
    LocalizationKeyView get(String keyName) {
        return keys.find(keyName).orElseThrow(() -> Refusal.notFound("localization key", keyName));
    }

    @Transactional(readOnly = true)
    List<LocalizationKeyView> list(String afterKey, int limit) {
        return keys.list(afterKey, limit);
    }

    @Transactional(readOnly = true)
    Map<String, String> bundle(String locale) {
        if (!LocaleCodes.isValid(locale)) {
            throw new Refusal(Refusal.Kind.MALFORMED, "INVALID_LOCALE",
                    "locale must look like en, sv or sv-SE",
                    List.of(new Refusal.FieldError("locale", "must be " + LocaleCodes.EXAMPLE)), Map.of());
        }
        return keys.bundle(Locales.fallbackChain(locale));
    }

    private static String locales(Map<String, String> values) {
        return String.join(",", new ArrayList<>(new TreeSet<>(values.keySet())));
    }
}
