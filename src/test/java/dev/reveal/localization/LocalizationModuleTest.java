package dev.reveal.localization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reveal.platform.Actor;
import dev.reveal.platform.Refusal;
import dev.reveal.support.SliceDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Localization with only the areas it depends on (audit, and the platform for its clock and stale reads) on the slice
 * database: a created key commits with its audit row, a taken name is refused and audits nothing, and the texts fall
 * back from sv-SE to sv to en. Localization publishes and listens to no facts, so there is no Scenario. Tests
 * commit: every key is new.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "platform")
@SliceDatabase
@ActiveProfiles("test")
class LocalizationModuleTest {

    private static final Actor OPERATOR = new Actor(Actor.Type.OPERATOR, "op-localization-module");

    @Autowired
    LocalizationService service;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCreatedKeyIsAuditedAndItsTextsFallBack() {
        String name = "module.key-" + UUID.randomUUID();
        LocalizationKeyView created = service.create(new LocalizationKeyRequest(name, "module test",
                Map.of("en", "Goal?", "sv", "Mål?")), OPERATOR);

        assertThat(jdbc.queryForMap("SELECT action_name, actor_id FROM audit_logs WHERE target_id = ?", created.id()))
                .containsEntry("action_name", "LOCALIZATION_KEY_CREATED").containsEntry("actor_id", "op-localization-module");
        assertThat(service.texts(List.of(name), List.of("sv-SE", "sv", "en"))).containsExactly(Map.entry(name, "Mål?"));
        assertThat(service.bundle("de-AT")).containsEntry(name, "Goal?");
        assertThat(service.missingKeys(List.of(name, name + ".none"))).containsExactly(name + ".none");
    }

    @Test
    void aTakenNameIsAConflictAndAuditsNothingMore() {
        String name = "module.taken-" + UUID.randomUUID();
        LocalizationKeyView first = service.create(new LocalizationKeyRequest(name, null, Map.of("en", "One")), OPERATOR);

        assertThatThrownBy(() -> service.create(new LocalizationKeyRequest(name, null, Map.of("en", "Two")), OPERATOR))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("LOCALIZATION_KEY_EXISTS"));
        assertThat(service.get(name).values()).containsExactly(Map.entry("en", "One"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_logs WHERE target_id = ?", Long.class, first.id()))
                .isEqualTo(1);
    }
}
