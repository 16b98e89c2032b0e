package dev.reveal.localization;

import dev.reveal.platform.Ids;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class LocalizationKeys {

    private final JdbcClient jdbc;

    LocalizationKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the key name is taken: the unique constraint decides, also under concurrency. */
    Optional<UUID> insert(String keyName, String description) {
        return jdbc.sql("""
                        INSERT INTO localization_keys (id, key_name, description) VALUES (?, ?, ?)
                        ON CONFLICT (key_name) DO NOTHING
                        RETURNING id
                        """)
                .params(Ids.newId(), keyName, description).query(UUID.class).optional();
    }

    /** Inserts the key or, when it exists, updates its description if one is given; returns (id, created). */
    UpsertedKey upsert(String keyName, String description) {
        return jdbc.sql("""
                        INSERT INTO localization_keys (id, key_name, description) VALUES (?, ?, ?)
                        ON CONFLICT (key_name) DO UPDATE SET description = coalesce(EXCLUDED.description, localization_keys.description)
                        RETURNING id, (xmax = 0) AS created
                        """)
                .params(Ids.newId(), keyName, description)
                .query((rs, n) -> new UpsertedKey(rs.getObject("id", UUID.class), rs.getBoolean("created"))).single();
    }

    record UpsertedKey(UUID id, boolean created) {
    }

    void upsertValues(UUID keyId, Map<String, String> values) {
        for (Map.Entry<String, String> v : values.entrySet()) {
            jdbc.sql("""
                            INSERT INTO localization_values (id, localization_key_id, locale_code, text_value) VALUES (?, ?, ?, ?)
                            ON CONFLICT (localization_key_id, locale_code) DO UPDATE SET text_value = EXCLUDED.text_value
                            """)
                    .params(Ids.newId(), keyId, v.getKey(), v.getValue()).update();
        }
    }

    Optional<LocalizationKeyView> find(String keyName) {
        List<LocalizationKeyView> found = findMany(List.of(keyName));
        return found.stream().findFirst();
    }

    /** Keys after {@code afterKey} in key-name order, with their values. */
    List<LocalizationKeyView> list(String afterKey, int limit) {
        List<String> names = jdbc.sql("""
                        SELECT key_name FROM localization_keys WHERE (?::text IS NULL OR key_name > ?)
                        ORDER BY key_name LIMIT ?
                        """)
                .params(afterKey, afterKey, limit).query(String.class).list();
        return findMany(names);
    }

    private List<LocalizationKeyView> findMany(Collection<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        record Row(UUID id, String keyName, String description, String locale, String text) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT k.id, k.key_name, k.description, v.locale_code, v.text_value
                        FROM localization_keys k LEFT JOIN localization_values v ON v.localization_key_id = k.id
                        WHERE k.key_name IN (:names)
                        ORDER BY k.key_name, v.locale_code
                        """)
                .param("names", names)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("key_name"),
                        rs.getString("description"), rs.getString("locale_code"), rs.getString("text_value")))
                .list();
        Map<String, LocalizationKeyView> byName = new LinkedHashMap<>();
        for (Row r : rows) {
            LocalizationKeyView view = byName.computeIfAbsent(r.keyName(),
                    k -> new LocalizationKeyView(r.id(), r.keyName(), r.description(), new TreeMap<>()));
            if (r.locale() != null) {
                view.values().put(r.locale(), r.text());
            }
        }
        return new ArrayList<>(byName.values());
    }

    Set<String> existing(Collection<String> names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("SELECT key_name FROM localization_keys WHERE key_name IN (:names)")
                .param("names", names).query(String.class).list());
    }

    /** For every key, the text of the first locale of {@code chain} (one to three codes) that has one. */
    Map<String, String> bundle(List<String> chain) {
        String first = chain.get(0);
        String second = chain.size() > 1 ? chain.get(1) : first;
        String third = chain.get(chain.size() - 1);
        Map<String, String> bundle = new TreeMap<>();
        jdbc.sql("""
                        SELECT DISTINCT ON (k.key_name) k.key_name, v.text_value
                        FROM localization_keys k JOIN localization_values v ON v.localization_key_id = k.id
                        WHERE v.locale_code IN (?, ?, ?)
                        ORDER BY k.key_name, CASE v.locale_code WHEN ? THEN 0 WHEN ? THEN 1 ELSE 2 END
                        """)
                .params(first, second, third, first, second)
                .query(rs -> {
                    bundle.put(rs.getString(1), rs.getString(2));
                });
        return bundle;
    }
}
