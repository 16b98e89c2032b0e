package dev.reveal.players;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.platform.Ids;
import dev.reveal.support.SliceDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Players' SQL and the directory other areas use, on the real PostgreSQL (each test rolled back): found owners are
 * remembered, unknown ids are not, and a session's end is read every time.
 */
@JdbcTest
@SliceDatabase
@Import({PlayersConfig.class, Sessions.class, Users.class, SessionDirectory.class})
class SessionDirectoryTest {

    @Autowired
    private SessionDirectory directory;

    @Autowired
    private JdbcTemplate jdbc;

    private UUID user(String ref) {
        UUID id = Ids.newId();
        jdbc.update("INSERT INTO users (id, external_ref, created_at) VALUES (?, ?, now())", id, ref);
        return id;
    }

    private UUID session(UUID user) {
        UUID id = Ids.newId();
        jdbc.update("INSERT INTO sessions (id, user_id, started_at, experiment_variant, locale_code) "
                + "VALUES (?, ?, now(), 'control', 'en')", id, user);
        return id;
    }

    @Test
    void aSessionsOwnerIsFoundAndRememberedAndAnotherPlayerSeesNothing() {
        String ref = "directory-" + UUID.randomUUID();
        UUID user = user(ref);
        UUID session = session(user);

        SessionDirectory.SessionOwner owner = directory.session(session).orElseThrow();
        assertThat(owner.userId()).isEqualTo(user);
        assertThat(owner.externalRef()).isEqualTo(ref);
        assertThat(directory.sessionOf(session, "someone-else")).isEmpty();

        jdbc.update("DELETE FROM sessions WHERE id = ?", session);
        assertThat(directory.session(session)).as("an owner never changes, so it is remembered").contains(owner);
        assertThat(directory.userId(ref)).as("remembered with the session's owner").contains(user);
    }

    @Test
    void unknownIdsAreNotRememberedBecauseTheyMayExistLater() {
        String ref = "later-" + UUID.randomUUID();
        assertThat(directory.userId(ref)).isEmpty();
        UUID user = user(ref);
        assertThat(directory.userId(ref)).contains(user);

        UUID session = Ids.newId();
        assertThat(directory.session(session)).isEmpty();
        jdbc.update("INSERT INTO sessions (id, user_id, started_at, experiment_variant, locale_code) "
                + "VALUES (?, ?, now(), 'control', 'en')", session, user);
        assertThat(directory.session(session)).isPresent();
    }

    @Test
    void endedSessionsAreReadEachTime() {
        UUID user = user("ended-" + UUID.randomUUID());
        UUID open = session(user);
        UUID ended = session(user);
        assertThat(directory.ended(List.of(open, ended))).isEmpty();

        jdbc.update("UPDATE sessions SET ended_at = now() WHERE id = ?", ended);

        assertThat(directory.ended(List.of(open, ended, UUID.randomUUID()))).containsExactly(ended);
        assertThat(directory.ended(List.of())).isEmpty();
    }
}
