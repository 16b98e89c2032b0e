package dev.reveal.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.SliceDatabase;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Experiments alone on the slice database, with its configured variants: a user's first recorded variant is kept
 * whatever a later session asks for. Experiments has no controller and publishes and listens to no facts, so there
 * is no web slice and no Scenario. Tests commit: each user is new.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.STANDALONE)
@SliceDatabase
@ActiveProfiles("test")
@TestPropertySource(properties = {"management.endpoint.health.validate-group-membership=false",
        "reveal.experiments.variants=control:0,b:100"})
class ExperimentsModuleTest {

    @Autowired
    ExperimentAssignments experiments;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theConfiguredWeightsAssignAndTheFirstRecordedVariantStays() {
        UUID user = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        jdbc.update("INSERT INTO users (id, external_ref, created_at) VALUES (?, ?, now())", user, "experiments-" + user);
        jdbc.update("""
                INSERT INTO sessions (id, user_id, started_at, experiment_variant, locale_code)
                VALUES (?, ?, now(), 'b', 'en'), (?, ?, now(), 'control', 'en')
                """, first, user, second, user);

        // every user gets b with these weights until one is stored
        assertThat(tx.<String>execute(s -> experiments.variantFor(user))).isEqualTo("b");
        assertThat(tx.<String>execute(s -> experiments.record(user, first, "b", Instant.now()))).isEqualTo("b");
        assertThat(tx.<String>execute(s -> experiments.record(user, second, "control", Instant.now()))).isEqualTo("b");
        assertThat(experiments.controlVariant()).isEqualTo("control");
    }
}
