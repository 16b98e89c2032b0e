package dev.reveal.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reveal.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** An after-commit reaction that fails is recorded in event_publication and run again until it completes. */
class ReactionRetriesTest extends IntegrationTest {

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    FlakyReaction reaction;

    @Test
    void aReactionThatFailsOnceIsRetriedAndItsPublicationCompletes() {
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(s -> publisher.publishEvent(new FlakyReaction.Fact(id, 1)));

        // the first run fails (the publication stays incomplete), ReactionRetries runs it again (every second in the
        // tests) and it completes; without the retry the row would never get a completion date
        await().atMost(Duration.ofSeconds(30)).until(() -> publication(id).get("completion_date") != null);
        Map<String, Object> done = publication(id);
        assertThat(done.get("status")).isEqualTo("COMPLETED");
        assertThat(reaction.attempts(id)).as("one failure, one success").isEqualTo(2);
        assertThat(done.get("listener_id").toString()).contains("FlakyReaction");
    }

    @Test
    void aReactionPublishedInATransactionThatRollsBackNeverRuns() {
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(s -> {
            publisher.publishEvent(new FlakyReaction.Fact(id, 0));
            s.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE serialized_event LIKE ?",
                Long.class, "%" + id + "%")).isZero();
        assertThat(reaction.attempts(id)).isZero();
    }

    private Map<String, Object> publication(UUID id) {
        return jdbc.queryForMap("SELECT status, completion_date, completion_attempts, listener_id FROM event_publication "
                + "WHERE serialized_event LIKE ?", "%" + id + "%");
    }
}
