package dev.reveal.catalog;

import dev.reveal.platform.Ids;
import dev.reveal.support.TestTraces;
import dev.reveal.support.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Request bodies as mutable maps, so a test can break exactly one thing; localization keys made fresh per call. */
final class CatalogTestData {

    private CatalogTestData() {
    }

    record Keys(String question, String yes, String no, String rule) {
    }

    static Keys keys(JdbcTemplate jdbc) {
        String s = suffix();
        Keys keys = new Keys("op.q." + s, "op.yes." + s, "op.no." + s, "op.rule." + s);
        Fixtures.localizationKey(jdbc, keys.question(), "Will it go in?", "Går den in?");
        Fixtures.localizationKey(jdbc, keys.yes(), "Yes", "Ja");
        Fixtures.localizationKey(jdbc, keys.no(), "No", "Nej");
        Fixtures.localizationKey(jdbc, keys.rule(), "Settled on the referee's decision", null);
        return keys;
    }

    /** A valid event body locking in an hour, media validation off, one YES/NO market priced 1.80 / 11/10. */
    static Map<String, Object> event(Keys keys) {
        Instant lockAt = Instant.now().plusSeconds(3600);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sourceRef", "feed-" + suffix());
        body.put("sportType", "FOOTBALL");
        body.put("titleEn", "Penalty: Malmö vs AIK");
        body.put("titleSv", "Straff: Malmö mot AIK");
        body.put("previewStartMs", 0);
        body.put("previewEndMs", 8000);
        body.put("revealStartMs", 8000);
        body.put("revealEndMs", 15000);
        body.put("lockAt", lockAt.toString());
        body.put("settleAt", lockAt.plusSeconds(600).toString());
        body.put("validateMedia", false);
        Map<String, Object> media = new LinkedHashMap<>();
        media.put("hlsMasterUrl", "https://cdn.example/clips/42/master.m3u8");
        media.put("posterUrl", "https://cdn.example/clips/42/poster.jpg");
        media.put("durationMs", 20000);
        body.put("media", media);
        List<Object> markets = new ArrayList<>();
        markets.add(market(keys));
        body.put("markets", markets);
        return body;
    }

    static Map<String, Object> market(Keys keys) {
        Map<String, Object> market = new LinkedHashMap<>();
        market.put("questionKey", keys.question());
        market.put("marketType", "YES_NO");
        market.put("settlementRuleKey", keys.rule());
        List<Object> outcomes = new ArrayList<>();
        outcomes.add(outcome("YES", keys.yes(), "1.8", null));
        outcomes.add(outcome("NO", keys.no(), null, "11/10"));
        market.put("outcomes", outcomes);
        return market;
    }

    static Map<String, Object> outcome(String code, String labelKey, String decimal, String fractional) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("code", code);
        outcome.put("labelKey", labelKey);
        if (decimal != null) {
            outcome.put("decimalOdds", new java.math.BigDecimal(decimal));
        }
        if (fractional != null) {
            outcome.put("fractionalOdds", fractional);
        }
        return outcome;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> media(Map<String, Object> body) {
        return (Map<String, Object>) body.get("media");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> market(Map<String, Object> body, int i) {
        return (Map<String, Object>) ((List<Object>) body.get("markets")).get(i);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> outcome(Map<String, Object> body, int market, int i) {
        return (Map<String, Object>) ((List<Object>) market(body, market).get("outcomes")).get(i);
    }

    static String traceparent(String traceId) {
        return TestTraces.traceparent(traceId);
    }

    static String suffix() {
        return Long.toHexString(Ids.newId().getLeastSignificantBits() & 0xffffffffffL);
    }
}
