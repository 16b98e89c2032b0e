package dev.reveal.localization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.TestTraces;
import dev.reveal.platform.Ids;
import dev.reveal.support.Api;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.RowCounts;
import dev.reveal.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalizationTest extends IntegrationTest {

    private static final String OPERATOR = Tokens.operator("op-l10n");

    @Test
    void createsReadsAndUpsertsKeysWithAudit() {
        String key = "l10n.test." + suffix();
        String traceId = TestTraces.newTraceId();
        Api.Response created = api.as(OPERATOR).post("/admin/v1/localization-keys", Map.of("keyName", key,
                        "description", "a question", "values", Map.of("en", "Will it go in?", "sv", "Går den in?")))
                .header("traceparent", TestTraces.traceparent(traceId)).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("values").get("sv").asString()).isEqualTo("Går den in?");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_logs WHERE action_name = 'LOCALIZATION_KEY_CREATED' AND trace_id = ?",
                Long.class, traceId)).isEqualTo(1);

        Map<String, Long> before = RowCounts.snapshot(jdbc);
        assertThat(api.as(OPERATOR).post("/admin/v1/localization-keys", Map.of("keyName", key)).send().status()).isEqualTo(409);
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);

        Api.Response updated = api.as(OPERATOR).put("/admin/v1/localization-keys/" + key,
                Map.of("values", Map.of("sv-SE", "Blir det mål?"))).send();
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("description").asString()).isEqualTo("a question");
        assertThat(updated.json().get("values").size()).isEqualTo(3);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM audit_logs a JOIN localization_keys k ON k.id = a.target_id
                WHERE k.key_name = ? AND a.action_name = 'LOCALIZATION_KEY_UPDATED'
                """, Long.class, key)).isEqualTo(1);

        String fresh = "l10n.put." + suffix();
        assertThat(api.as(OPERATOR).put("/admin/v1/localization-keys/" + fresh, Map.of("values", Map.of("en", "Hi"))).send().status())
                .isEqualTo(201);
        assertThat(api.as(OPERATOR).get("/admin/v1/localization-keys/" + key).send().json().get("values").get("sv-SE").asString())
                .isEqualTo("Blir det mål?");
        assertThat(api.as(OPERATOR).get("/admin/v1/localization-keys/nope." + suffix()).send().status()).isEqualTo(404);
    }

    @Test
    void bundlesFallBackFromRegionToLanguageToEnglish() {
        String s = suffix();
        put("b.region." + s, Map.of("en", "en", "sv", "sv", "sv-SE", "sv-SE"));
        put("b.language." + s, Map.of("en", "en", "sv", "sv"));
        put("b.english." + s, Map.of("en", "en"));
        put("b.other." + s, Map.of("de", "de"));

        Map<String, String> bundle = bundle("sv-SE");
        assertThat(bundle).containsEntry("b.region." + s, "sv-SE").containsEntry("b.language." + s, "sv")
                .containsEntry("b.english." + s, "en").doesNotContainKey("b.other." + s);
        assertThat(bundle("sv")).containsEntry("b.region." + s, "sv");
        assertThat(bundle("en-GB")).containsEntry("b.region." + s, "en");
        assertThat(api.as(Tokens.player("p")).get("/api/v1/localizations/SV_se").send().status()).isEqualTo(400);
        assertThat(api.get("/api/v1/localizations/sv").send().status()).isEqualTo(401);
    }

    @Test
    void refusesBadKeysAndLocalesWithNothingWritten() {
        Map<String, Long> before = RowCounts.snapshot(jdbc);
        assertThat(api.as(OPERATOR).post("/admin/v1/localization-keys", Map.of("keyName", "Bad Key")).send().status()).isEqualTo(400);
        assertThat(api.as(OPERATOR).post("/admin/v1/localization-keys", Map.of("description", "no key")).send().status()).isEqualTo(400);
        assertThat(api.as(OPERATOR).post("/admin/v1/localization-keys",
                Map.of("keyName", "ok." + suffix(), "values", Map.of("english", "x"))).send().status()).isEqualTo(400);
        assertThat(api.as(OPERATOR).post("/admin/v1/localization-keys",
                Map.of("keyName", "ok." + suffix(), "values", Map.of("en", ""))).send().status()).isEqualTo(400);
        assertThat(RowCounts.snapshot(jdbc)).isEqualTo(before);
    }

    @Test
    void listsKeysInPages() {
        String prefix = "page." + suffix();
        for (int i = 0; i < 3; i++) {
            put(prefix + ".k" + i, Map.of("en", "v" + i));
        }
        List<String> names = new ArrayList<>();
        String cursor = prefix;
        for (int page = 0; page < 3; page++) {
            Api.Response r = api.as(OPERATOR).get("/admin/v1/localization-keys?limit=1&cursor=" + cursor).send();
            assertThat(r.status()).isEqualTo(200);
            names.add(r.json().get("items").get(0).get("keyName").asString());
            cursor = r.json().get("nextCursor").asString();
        }
        assertThat(names).containsExactly(prefix + ".k0", prefix + ".k1", prefix + ".k2");
    }

    @Test
    void aListEndingAtAPageBoundaryHasNoEmptyLastPage() {
        put("page." + suffix() + ".last", Map.of("en", "last"));
        List<String> all = new ArrayList<>();
        String cursor = "";
        do {
            Api.Response r = api.as(OPERATOR).get("/admin/v1/localization-keys?limit=200&cursor=" + cursor).send();
            r.json().get("items").forEach(k -> all.add(k.get("keyName").asString()));
            cursor = r.json().has("nextCursor") ? r.json().get("nextCursor").asString() : null;
        } while (cursor != null);
        assertThat(all).hasSizeGreaterThanOrEqualTo(3);

        // the two last keys fill the page exactly: nothing more to fetch, so no cursor to an empty page
        Api.Response last = api.as(OPERATOR).get("/admin/v1/localization-keys?limit=2&cursor=" + all.get(all.size() - 3)).send();

        assertThat(last.json().get("items")).extracting(k -> k.get("keyName").asString())
                .containsExactly(all.get(all.size() - 2), all.get(all.size() - 1));
        assertThat(last.json().has("nextCursor")).as(last.toString()).isFalse();
    }

    private void put(String key, Map<String, String> values) {
        assertThat(api.as(OPERATOR).put("/admin/v1/localization-keys/" + key, Map.of("values", values)).send().status()).isEqualTo(201);
    }

    private Map<String, String> bundle(String locale) {
        Api.Response r = api.as(Tokens.player("p")).get("/api/v1/localizations/" + locale).send();
        assertThat(r.status()).isEqualTo(200);
        Map<String, String> out = new java.util.HashMap<>();
        r.json().properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
        return out;
    }

    private static String suffix() {
        return Long.toHexString(Ids.newId().getLeastSignificantBits() & 0xffffffffffL);
    }
}
