package dev.reveal.localization;

import dev.reveal.platform.StaleReads;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Repository;

/** Texts for read models (the feed): may lag, and join the caller's stale-read snapshot when it has one. */
@Repository
class Texts {

    private final StaleReads reads;

    Texts(StaleReads reads) {
        this.reads = reads;
    }

    /** Each key's text in the first locale of the chain that has one; keys with no text at all are absent. */
    Map<String, String> resolve(Collection<String> keys, List<String> chain) {
        Map<String, String> texts = new HashMap<>();
        if (keys.isEmpty()) {
            return texts;
        }
        reads.jdbc().sql("""
                        SELECT DISTINCT ON (k.key_name) k.key_name, v.text_value
                          FROM localization_keys k
                          JOIN localization_values v ON v.localization_key_id = k.id
                         WHERE k.key_name IN (:keys) AND v.locale_code IN (:chain)
                         ORDER BY k.key_name,
                                  CASE v.locale_code WHEN :l0 THEN 0 WHEN :l1 THEN 1 ELSE 2 END
                        """)
                .param("keys", keys).param("chain", chain)
                .param("l0", chain.get(0)).param("l1", chain.size() > 1 ? chain.get(1) : chain.get(0))
                .query(rs -> {
                    texts.put(rs.getString("key_name"), rs.getString("text_value"));
                });
        return texts;
    }
}
