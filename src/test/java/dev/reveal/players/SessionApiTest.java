package dev.reveal.players;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.Api;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.PlayerSessions;
import dev.reveal.support.Tokens;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionApiTest extends IntegrationTest {

    private static Map<String, Object> body(String locale) {
        Map<String, Object> body = new HashMap<>();
        body.put("platform", "ANDROID");
        body.put("appVersion", "2.3.1");
        body.put("deviceModel", "Pixel 8");
        body.put("osVersion", "14");
        body.put("locale", locale);
        return body;
    }

    @Test
    void firstSessionCreatesTheUserAndAssignsAVariantOnce() {
        String ref = PlayerSessions.newRef("alice");
        Api.Response r = api.as(Tokens.player(ref)).post("/api/v1/sessions", body("sv-SE")).send();

        assertThat(r.status()).isEqualTo(201);
        UUID userId = UUID.fromString(r.json().get("userId").asString());
        UUID sessionId = UUID.fromString(r.json().get("sessionId").asString());
        String variant = r.json().get("variant").asString();
        assertThat(variant).isIn("control", "b");
        assertThat(r.json().get("startedAt").asString()).isNotBlank();

        Map<String, Object> user = jdbc.queryForMap("SELECT * FROM users WHERE id = ?", userId);
        assertThat(user).containsEntry("external_ref", ref).containsEntry("preferred_language", "sv")
                .containsEntry("device_platform", "ANDROID");
        Map<String, Object> session = jdbc.queryForMap("SELECT * FROM sessions WHERE id = ?", sessionId);
        assertThat(session).containsEntry("user_id", userId).containsEntry("experiment_variant", variant)
                .containsEntry("locale_code", "sv-SE").containsEntry("app_version", "2.3.1")
                .containsEntry("device_model", "Pixel 8").containsEntry("os_version", "14");
        assertThat(jdbc.queryForMap("SELECT * FROM experiment_assignments WHERE user_id = ?", userId))
                .containsEntry("variant", variant).containsEntry("session_id", sessionId);
    }

    @Test
    void variantIsStickyAcrossSessionsEvenWhenTheStoredOneDiffersFromTheHash() {
        String ref = PlayerSessions.newRef("bob");
        Api.Response first = api.as(Tokens.player(ref)).post("/api/v1/sessions", body("en")).send();
        UUID userId = UUID.fromString(first.json().get("userId").asString());
        String variant = first.json().get("variant").asString();
        for (int i = 0; i < 3; i++) {
            Api.Response again = api.as(Tokens.player(ref)).post("/api/v1/sessions", body("en")).send();
            assertThat(again.status()).isEqualTo(201);
            assertThat(again.json().get("userId").asString()).isEqualTo(userId.toString());
            assertThat(again.json().get("variant").asString()).isEqualTo(variant);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM experiment_assignments WHERE user_id = ?", Long.class, userId))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sessions WHERE user_id = ?", Long.class, userId)).isEqualTo(4);

        // As if the weights changed since the first session: the stored assignment, not the hash, decides.
        jdbc.update("UPDATE experiment_assignments SET variant = 'legacy' WHERE user_id = ?", userId);
        Api.Response later = api.as(Tokens.player(ref)).post("/api/v1/sessions", body("en")).send();
        assertThat(later.json().get("variant").asString()).isEqualTo("legacy");
        assertThat(jdbc.queryForObject("SELECT experiment_variant FROM sessions WHERE id = ?", String.class,
                UUID.fromString(later.json().get("sessionId").asString()))).isEqualTo("legacy");
    }

    @Test
    void endIsIdempotent() {
        String ref = PlayerSessions.newRef("carol");
        UUID session = PlayerSessions.start(api, ref);
        Api.Response first = api.as(Tokens.player(ref)).post("/api/v1/sessions/" + session + "/end", null).send();
        assertThat(first.status()).isEqualTo(200);
        String endedAt = first.json().get("endedAt").asString();
        assertThat(endedAt).isNotBlank();
        Api.Response second = api.as(Tokens.player(ref)).post("/api/v1/sessions/" + session + "/end", null).send();
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("endedAt").asString()).isEqualTo(endedAt);
        assertThat(api.as(Tokens.player(ref)).get("/api/v1/sessions/" + session).send().json().get("endedAt").asString())
                .isEqualTo(endedAt);
    }

    @Test
    void anotherPlayersSessionIsNotFoundLikeAnUnknownOne() {
        String owner = PlayerSessions.newRef("dave");
        UUID session = PlayerSessions.start(api, owner);
        String intruder = Tokens.player(PlayerSessions.newRef("eve"));

        Api.Response read = api.as(intruder).get("/api/v1/sessions/" + session).send();
        Api.Response end = api.as(intruder).post("/api/v1/sessions/" + session + "/end", null).send();
        Api.Response unknown = api.as(intruder).get("/api/v1/sessions/" + UUID.randomUUID()).send();
        assertThat(read.status()).isEqualTo(404);
        assertThat(end.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(read.code()).isEqualTo(unknown.code()).isEqualTo("NOT_FOUND");
        assertThat(jdbc.queryForObject("SELECT ended_at FROM sessions WHERE id = ?", java.sql.Timestamp.class, session)).isNull();
    }

    @Test
    void badInputIsRefusedWithNothingWritten() {
        String ref = PlayerSessions.newRef("frank");
        long sessions = count("sessions");
        long users = count("users");
        Map<String, Object> badLocale = body("Swedish");
        Map<String, Object> longVersion = body("en");
        longVersion.put("appVersion", "x".repeat(65));
        Map<String, Object> longModel = body("en");
        longModel.put("deviceModel", "x".repeat(129));
        Map<String, Object> longOs = body("en");
        longOs.put("osVersion", "x".repeat(65));
        Map<String, Object> noPlatform = body("en");
        noPlatform.remove("platform");
        for (Map<String, Object> bad : java.util.List.of(badLocale, longVersion, longModel, longOs, noPlatform)) {
            Api.Response r = api.as(Tokens.player(ref)).post("/api/v1/sessions", bad).send();
            assertThat(r.status()).as(bad.toString()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("VALIDATION_FAILED");
        }
        Api.Response badPlatform = api.as(Tokens.player(ref)).post("/api/v1/sessions",
                "{\"platform\":\"NOKIA\",\"locale\":\"en\"}").send();
        assertThat(badPlatform.status()).isEqualTo(400);
        assertThat(badPlatform.code()).isEqualTo("MALFORMED_BODY");
        assertThat(count("sessions")).isEqualTo(sessions);
        assertThat(count("users")).isEqualTo(users);
    }
}
