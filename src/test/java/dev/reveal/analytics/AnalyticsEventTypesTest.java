package dev.reveal.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.SliceDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;

/** The event-type repository alone, on the real PostgreSQL; each test rolls back. */
@JdbcTest
@SliceDatabase
@Import(AnalyticsEventTypes.class)
class AnalyticsEventTypesTest {

    @Autowired
    AnalyticsEventTypes eventTypes;

    @Test
    void aTakenNameInsertsNothing() {
        UUID first = UUID.randomUUID();

        assertThat(eventTypes.insert(first, "slice_taken", "first")).hasValueSatisfying(t -> assertThat(t.id()).isEqualTo(first));
        assertThat(eventTypes.insert(UUID.randomUUID(), "slice_taken", "second")).isEmpty();

        assertThat(eventTypes.byId(first)).hasValueSatisfying(t -> assertThat(t.description()).isEqualTo("first"));
    }

    @Test
    void listsByNameAndMapsNamesToIds() {
        UUID b = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        eventTypes.insert(b, "slice_b", null);
        eventTypes.insert(a, "slice_a", null);

        assertThat(eventTypes.all()).extracting(t -> t.eventName()).containsSubsequence("slice_a", "slice_b").isSorted();
        assertThat(eventTypes.idsByName(List.of("slice_a", "slice_b", "slice_unknown")))
                .containsOnlyKeys("slice_a", "slice_b").containsEntry("slice_a", a).containsEntry("slice_b", b);
        assertThat(eventTypes.byId(UUID.randomUUID())).isEmpty();
    }
}
