package dev.reveal.players;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.PlatformForModuleTests;
import dev.reveal.support.SliceDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * Players with experiments (the variant of a first session), on the real database: what a started and ended
 * session looks like through the directory other areas read. Players publishes no facts, so no Scenario.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
@Import(PlatformForModuleTests.class)
@SliceDatabase
@ActiveProfiles("test")
@TestPropertySource(properties = "management.endpoint.health.validate-group-membership=false")
class PlayersModuleTest {

    @Autowired
    private SessionService sessions;

    @Autowired
    private SessionDirectory directory;

    @Test
    void aStartedSessionIsInTheDirectoryAndItsEndIsSeen() {
        String ref = "players-module-" + UUID.randomUUID();
        SessionView started = sessions.start(new StartSession(ref, DevicePlatform.WEB, null, null, null, "en"));

        assertThat(directory.sessionOf(started.sessionId(), ref)).hasValueSatisfying(owner -> {
            assertThat(owner.userId()).isEqualTo(started.userId());
            assertThat(owner.startedAt()).isEqualTo(started.startedAt());
        });
        assertThat(directory.userId(ref)).contains(started.userId());
        assertThat(directory.ended(java.util.List.of(started.sessionId()))).isEmpty();

        sessions.end(started.sessionId(), ref);

        assertThat(directory.ended(java.util.List.of(started.sessionId()))).containsExactly(started.sessionId());
    }
}
