package dev.reveal.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.SliceDatabase;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/** Sticky assignment on the real database: the first stored variant wins. */
@JdbcTest
@SliceDatabase
@Import(Assignments.class)
class AssignmentsJdbcTest {

    @Autowired
    Assignments assignments;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theFirstAssignmentWinsForever() {
        UUID user = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        jdbc.update("INSERT INTO users (id, external_ref, created_at) VALUES (?, ?, now())", user, "slice-" + user);
        jdbc.update("""
                INSERT INTO sessions (id, user_id, started_at, experiment_variant, locale_code)
                VALUES (?, ?, now(), 'b', 'en'), (?, ?, now(), 'b', 'en')
                """, first, user, second, user);

        assertThat(assignments.variantOf(user)).isEmpty();
        assertThat(assignments.insertIfAbsent(user, first, "b", Instant.now())).hasValue("b");
        assertThat(assignments.insertIfAbsent(user, second, "control", Instant.now())).isEmpty();
        assertThat(assignments.variantOf(user)).hasValue("b");
    }
}
