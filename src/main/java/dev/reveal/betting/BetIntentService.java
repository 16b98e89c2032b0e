package dev.reveal.betting;

import dev.reveal.betting.Outcome.Recorded;
import dev.reveal.platform.Cursor;
import dev.reveal.platform.Page;
import dev.reveal.platform.Refusal;
import dev.reveal.players.SessionDirectory;
import dev.reveal.players.SessionDirectory.SessionOwner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Service;

/**
 * Places predictions and reads them back. Concurrent requests are recorded together by group commit (one
 * transaction and one fsync for many); without it, or alone, a request is a batch of one. Either way the same
 * {@link IntentWriter} decides and writes.
 */
@Service
class BetIntentService {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final IntentWriter writer;
    private final IntentHistory history;
    private final ReferenceCache references;
    private final SessionDirectory sessions;
    private final Clock clock;
    private final GroupCommit<Placement, Outcome> groupCommit;
    private final Map<AcceptanceCode, Counter> decisions = new EnumMap<>(AcceptanceCode.class);
    private final Counter replays;
    private final Timer latency;
    private final DistributionSummary batchSizes;
    private final Timer batchTime;

    BetIntentService(IntentWriter writer, IntentHistory history, ReferenceCache references, SessionDirectory sessions,
            Clock clock, MeterRegistry meters, BettingProperties properties) {
        this.writer = writer;
        this.history = history;
        this.references = references;
        this.sessions = sessions;
        this.clock = clock;
        for (AcceptanceCode code : AcceptanceCode.values()) {
            decisions.put(code, Counter.builder("reveal.bet_intents").description("Recorded bet intents by decision")
                    .tag("code", code.name()).register(meters));
        }
        this.replays = Counter.builder("reveal.bet_intents.replays")
                .description("Requests answered with an earlier answer under the same Idempotency-Key").register(meters);
        this.latency = Timer.builder("reveal.bet_intents.latency").description("Time to decide and record a bet intent")
                .publishPercentileHistogram().register(meters);
        this.batchSizes = DistributionSummary.builder("reveal.bet_intents.batch_size")
                .description("Intents recorded per transaction").register(meters);
        this.batchTime = Timer.builder("reveal.bet_intents.batch_time")
                .description("Time to record one batch, commit included").register(meters);
        BettingProperties.GroupCommitting gc = properties.groupCommit();
        this.groupCommit = gc.enabled()
                ? new GroupCommit<>("bet-intent-writer", gc.writers(), gc.window(), gc.maxBatch(), this::write) : null;
    }

    Recorded place(PlaceBetIntent command) {
        return latency.record(() -> {
            Recorded answer = record(placement(command)).answer();
            if (answer.replayed()) {
                replays.increment();
            } else {
                decisions.get(answer.intent().acceptanceCode()).increment();
            }
            return answer;
        });
    }

    /** What is known before the write: who the caller and the session's owner are, and the immutable references. */
    private Placement placement(PlaceBetIntent c) {
        // The server's receive time decides the lock and is what the row stores, at the database's precision.
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        SessionOwner session = sessions.session(c.sessionId()).orElse(null);
        UUID callerId = session != null && session.ownedBy(c.externalRef())
                ? session.userId() : sessions.userId(c.externalRef()).orElse(null);
        return new Placement(c, callerId, session, references.of(c.marketId(), c.outcomeId(), c.oddsVersionId()),
                receivedAt);
    }

    private Outcome record(Placement placement) {
        if (groupCommit == null) {
            return write(List.of(placement)).get(0);
        }
        try {
            return groupCommit.record(placement, ANSWER_TIMEOUT);
        } catch (TimeoutException e) {
            // The row may still commit: a retry under the same key answers whatever was recorded.
            throw Refusal.unavailable("RECORDING_DELAYED",
                    "the prediction was not confirmed in time; retry with the same Idempotency-Key");
        }
    }

    private List<Outcome> write(List<Placement> batch) {
        batchSizes.record(batch.size());
        return batchTime.record(() -> writer.write(batch));
    }

    @PreDestroy
    void stopGroupCommit() throws InterruptedException {
        if (groupCommit != null) {
            groupCommit.close();
        }
    }

    Page<BetIntentView> history(String externalRef, UUID eventId, String cursor, Integer limit) {
        int size = Cursor.limit(limit);
        Cursor after = Cursor.decode(cursor);
        Optional<UUID> user = sessions.userId(externalRef);
        Page<StoredIntent> page = Page.fetch(size, n -> user.map(u -> history.page(u, eventId, after, n))
                .orElse(List.of()), last -> new Cursor(last.serverReceivedAt(), last.id()).encode());
        return new Page<>(page.items().stream().map(BetIntentView::of).toList(), page.nextCursor());
    }

    BetIntentView one(UUID id, String externalRef) {
        return sessions.userId(externalRef).flatMap(user -> history.findOwned(id, user)).map(BetIntentView::of)
                .orElseThrow(() -> Refusal.notFound("bet intent", id));
    }
}
