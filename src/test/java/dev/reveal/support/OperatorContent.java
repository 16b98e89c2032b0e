package dev.reveal.support;

import dev.reveal.platform.Ids;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Content created the real way, through the operator API (unlike {@link Fixtures}, which writes SQL): an OPEN event
 * with one YES/NO market priced 1.80 / 2.10, media validation off. Returns the event as the API answers it.
 */
public final class OperatorContent {

    private OperatorContent() {
    }

    public static JsonNode openEvent(Api api, JdbcTemplate jdbc, Instant lockAt) {
        String suffix = Long.toHexString(Ids.newId().getLeastSignificantBits() & 0xffffffffffL);
        String question = "content.q." + suffix;
        Fixtures.localizationKey(jdbc, question, "Will it go in?", "Går den in?");
        Fixtures.localizationKey(jdbc, "content.yes." + suffix, "Yes", "Ja");
        Fixtures.localizationKey(jdbc, "content.no." + suffix, "No", "Nej");
        Map<String, Object> body = Map.ofEntries(
                Map.entry("sourceRef", "content-" + suffix),
                Map.entry("sportType", "FOOTBALL"),
                Map.entry("titleEn", "Penalty " + suffix),
                Map.entry("titleSv", "Straff " + suffix),
                Map.entry("previewStartMs", 0), Map.entry("previewEndMs", 8000),
                Map.entry("revealStartMs", 8000), Map.entry("revealEndMs", 15000),
                Map.entry("lockAt", lockAt.toString()),
                Map.entry("settleAt", lockAt.plusSeconds(600).toString()),
                Map.entry("validateMedia", false),
                Map.entry("media", Map.of("hlsMasterUrl", "https://cdn.example/clip.m3u8", "durationMs", 20000)),
                Map.entry("markets", List.of(Map.of("questionKey", question, "marketType", "YES_NO", "outcomes", List.of(
                        Map.of("code", "YES", "labelKey", "content.yes." + suffix, "decimalOdds", 1.8),
                        Map.of("code", "NO", "labelKey", "content.no." + suffix, "fractionalOdds", "11/10"))))));
        String operator = Tokens.operator("content-fixture");
        Api.Response created = api.as(operator).post("/admin/v1/events", body).send();
        if (created.status() != 201) {
            throw new IllegalStateException("event not created: " + created);
        }
        Api.Response published = api.as(operator)
                .post("/admin/v1/events/" + created.json().get("id").asString() + "/publish", null).send();
        if (published.status() != 200) {
            throw new IllegalStateException("event not published: " + published);
        }
        return published.json();
    }
}
