package dev.reveal.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reveal.platform.Actor;
import dev.reveal.platform.Ids;
import dev.reveal.platform.Refusal;
import dev.reveal.support.AnalyticsFixtures;
import dev.reveal.support.SliceDatabase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Analytics with only the areas it depends on (audit, players and its experiments, platform) on the slice database: a registration writes its
 * audit row in the same transaction, and a committed type can be ingested at once. Tests commit, so every name and
 * player is new.
 */
// platform only lends analytics types (ids, actors, refusals), so it is no bean dependency; its Clock is needed
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = {"platform", "experiments"})
@SliceDatabase
@ActiveProfiles("test")
class AnalyticsModuleTest {

    @Autowired
    AnalyticsEventTypeService types;
    @Autowired
    IngestionService ingestion;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRegisteredTypeIsAuditedAndIngestibleAtOnce() {
        String name = "module_viewed_" + AnalyticsFixtures.suffix();
        AnalyticsEventType type = types.register(new RegisterAnalyticsEventType(new Actor(Actor.Type.OPERATOR, "op-module"),
                name, "module test"));

        assertThat(jdbc.queryForMap("SELECT action_name, actor_id FROM audit_logs WHERE target_id = ?", type.id()))
                .containsEntry("action_name", "ANALYTICS_EVENT_TYPE_REGISTERED").containsEntry("actor_id", "op-module");

        String ref = "module-player-" + AnalyticsFixtures.suffix();
        UUID session = session(ref);
        Instant started = jdbc.queryForObject("SELECT started_at FROM sessions WHERE id = ?", OffsetDateTime.class, session)
                .toInstant();
        IngestionResult result = ingestion.ingest(new IngestAnalyticsEvents(ref, session, List.of(
                new IngestAnalyticsEvents.Item(name, started.plusSeconds(1).toString(), Map.of("clipId", "c-1")),
                new IngestAnalyticsEvents.Item("module_unknown_type", started.plusSeconds(1).toString(), Map.of()))));

        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.refusedItems()).extracting(RefusedItem::code).containsExactly(RefusedItem.Code.UNKNOWN_EVENT_TYPE);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM analytics_events WHERE session_id = ? AND analytics_event_type_id = ?",
                Long.class, session, type.id())).isEqualTo(1);
    }

    @Test
    void aTakenNameIsRefusedAndLeavesNoSecondAuditRow() {
        String name = "module_taken_" + AnalyticsFixtures.suffix();
        Actor operator = new Actor(Actor.Type.OPERATOR, "op-module");
        types.register(new RegisterAnalyticsEventType(operator, name, null));

        assertThatThrownBy(() -> types.register(new RegisterAnalyticsEventType(operator, name, null)))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("EVENT_TYPE_EXISTS"));
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM audit_logs l JOIN analytics_event_types t ON t.id = l.target_id WHERE t.event_name = ?
                """, Long.class, name)).isEqualTo(1);
    }

    private UUID session(String ref) {
        UUID user = Ids.newId();
        UUID session = Ids.newId();
        jdbc.update("INSERT INTO users (id, external_ref, created_at) VALUES (?, ?, now())", user, ref);
        jdbc.update("INSERT INTO sessions (id, user_id, started_at, experiment_variant, locale_code) VALUES (?, ?, now(), 'control', 'en')",
                session, user);
        return session;
    }
}
