package dev.reveal.betting;

import dev.reveal.betting.BetIntents.MarketState;
import dev.reveal.betting.BetIntents.NewIntent;
import dev.reveal.betting.BetIntents.References;
import dev.reveal.betting.BetIntents.UserKey;
import dev.reveal.platform.Cursor;
import dev.reveal.platform.Ids;
import dev.reveal.platform.Page;
import dev.reveal.platform.Refusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class BetIntentService {

    private static final Logger log = LoggerFactory.getLogger(BetIntentService.class);

    private static final int LOCK_ATTEMPTS = 20;
    private static final int DEADLOCK_ATTEMPTS = 3;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final BetIntents intents;
    private final ReferenceCache references;
    private final GroupCommit<Pending> groupCommit;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final Map<AcceptanceCode, Counter> decisions = new EnumMap<>(AcceptanceCode.class);
    private final Counter replays;
    private final Timer latency;
    private final DistributionSummary batchSizes;
    private final Timer batchTime;

    /** The answer and whether it repeats an earlier one (200 + Idempotent-Replayed) or is new (201). */
    record Answer(BetIntentView intent, boolean replayed) {
    }

    BetIntentService(BetIntents intents, ReferenceCache references, Clock clock,
            PlatformTransactionManager transactions, MeterRegistry meters,
            @Value("${reveal.betting.group-commit.enabled:true}") boolean groupCommitEnabled,
            @Value("${reveal.betting.group-commit.window:PT0.001S}") Duration window,
            @Value("${reveal.betting.group-commit.max-batch:128}") int maxBatch,
            @Value("${reveal.betting.group-commit.writers:2}") int writers) {
        this.intents = intents;
        this.references = references;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        for (AcceptanceCode code : AcceptanceCode.values()) {
            decisions.put(code, Counter.builder("reveal.bet_intents").description("Recorded bet intents by decision")
                    .tag("code", code.name()).register(meters));
        }
        this.replays = Counter.builder("reveal.bet_intents.replays")
                .description("Requests answered with an earlier answer under the same Idempotency-Key").register(meters);
        this.latency = Timer.builder("reveal.bet_intents.latency").description("Time to decide and record a bet intent")
                .publishPercentileHistogram().register(meters);
        this.batchSizes = DistributionSummary.builder("reveal.bet_intents.batch_size")
                .description("Intents recorded per group-commit transaction").register(meters);
        this.batchTime = Timer.builder("reveal.bet_intents.batch_time")
                .description("Time to record one group-commit batch, commit included").register(meters);
        this.groupCommit = groupCommitEnabled
                ? new GroupCommit<>("bet-intent-writer", writers, window, maxBatch, this::recordBatch) : null;
    }

    Answer place(PlaceBetIntent command) {
        return latency.record(() -> placeTimed(command));
    }

    private Answer placeTimed(PlaceBetIntent command) {
        // The server's receive time decides the lock and is what the row stores, at the database's precision.
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        References refs = references.of(command.sessionId(), command.marketId(), command.outcomeId(),
                command.oddsVersionId());
        if (groupCommit != null && refs.sessionOwner() != null && refs.sessionOwner().equals(command.externalRef())) {
            // The batch looks for earlier answers under these keys itself, one query for all of its requests.
            return viaGroupCommit(new Pending(command, refs, receivedAt, new CompletableFuture<>()));
        }
        return placeAlone(command, refs, receivedAt);
    }

    private Answer placeAlone(PlaceBetIntent command, References refs, Instant receivedAt) {
        Optional<StoredIntent> earlier = intents.byKey(command.externalRef(), command.idempotencyKey());
        if (earlier.isPresent()) {
            return replay(earlier.get(), command);
        }
        refuseUnrecordable(command, refs, receivedAt);
        return recordAlone(command, refs, receivedAt);
    }

    private Answer recordAlone(PlaceBetIntent command, References refs, Instant receivedAt) {
        for (int attempt = 1; ; attempt++) {
            try {
                Answer answer = tx.execute(status -> decideAndRecord(command, refs, receivedAt));
                count(answer);
                return answer;
            } catch (PessimisticLockingFailureException e) {
                if (attempt >= DEADLOCK_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void count(Answer answer) {
        if (!answer.replayed()) {
            decisions.get(answer.intent().acceptanceCode()).increment();
        }
    }

    // ---- group commit: one transaction, one lock query and one multi-row insert for many concurrent requests ----

    /** A request waiting for the group-commit writer; its future completes after the batch's commit. */
    record Pending(PlaceBetIntent command, References refs, Instant receivedAt, CompletableFuture<Answer> future)
            implements GroupCommit.Pending {
    }

    private Answer viaGroupCommit(Pending pending) {
        groupCommit.submit(pending);
        try {
            return pending.future().get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException problem) {
                throw problem;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the intent was being recorded", e);
        } catch (TimeoutException e) {
            // The row may still commit: a retry under the same key answers whatever was recorded.
            throw new Refusal(Refusal.Kind.UNAVAILABLE, "RECORDING_DELAYED",
                    "the prediction was not confirmed in time; retry with the same Idempotency-Key");
        }
    }

    /** Records a batch in one transaction; if that fails, nothing of it committed and each is recorded alone. */
    private void recordBatch(List<Pending> batch) {
        batchSizes.record(batch.size());
        batchTime.record(() -> recordTimed(batch));
    }

    private void recordTimed(List<Pending> batch) {
        Map<Pending, Object> outcomes;
        try {
            outcomes = tx.execute(status -> decideAndRecordAll(batch));
        } catch (PessimisticLockingFailureException | DataIntegrityViolationException e) {
            // Nothing of the batch committed, and the cause may be one request or a race with another batch (a
            // deadlock): each request is recorded on its own, exactly as without group commit.
            log.warn("group commit of {} bet intents failed ({}); recording them one by one", batch.size(), e.toString());
            for (Pending p : batch) {
                try {
                    p.future().complete(placeAlone(p.command(), p.refs(), p.receivedAt()));
                } catch (RuntimeException alone) {
                    p.future().completeExceptionally(alone);
                }
            }
            return;
        } catch (RuntimeException e) {
            // The database is unreachable or failing: one by one would only make every caller wait again, and so
            // would the next batch of what queued up meanwhile; all of them get the failure now (503, retry later).
            List<Pending> failed = new ArrayList<>(batch);
            failed.addAll(groupCommit.drainQueued());
            for (Pending p : failed) {
                p.future().completeExceptionally(e);
            }
            return;
        }
        for (Pending p : batch) {
            Object outcome = outcomes.get(p);
            if (outcome instanceof Answer answer) {
                count(answer);
                p.future().complete(answer);
            } else {
                p.future().completeExceptionally((Throwable) outcome);
            }
        }
    }

    /**
     * What {@link #decideAndRecord} does for one request, for a whole batch: each request's outcome is its Answer or
     * the exception it answers with. Rows that lose a unique key are settled exactly as a single insert's loser:
     * the same key answers as its replay; an accepted intent beaten to the market is recorded ALREADY_PREDICTED.
     */
    private Map<Pending, Object> decideAndRecordAll(List<Pending> requests) {
        Map<Pending, Object> outcomes = new IdentityHashMap<>();
        List<Pending> batch = answerReplaysAndRefusals(requests, outcomes);
        Map<Pending, MarketState> states = new IdentityHashMap<>();
        List<Pending> waiting = batch;
        for (int attempt = 0; attempt < LOCK_ATTEMPTS && !waiting.isEmpty(); attempt++) {
            Map<Integer, MarketState> locked = intents.lockMarkets(waiting.stream().map(p -> new BetIntents.Locking(
                    p.command().marketId(), p.command().sessionId(), p.refs().sessionUserId(), p.command().outcomeId(),
                    p.command().oddsVersionId())).toList());
            List<Pending> still = new ArrayList<>();
            for (int i = 0; i < waiting.size(); i++) {
                MarketState state = locked.get(i);
                if (state == null) {
                    still.add(waiting.get(i));
                } else {
                    states.put(waiting.get(i), state);
                }
            }
            waiting = still;
        }
        for (Pending p : waiting) {
            outcomes.put(p, oddsUnavailable(p.command()));
        }
        List<NewIntent> rows = new ArrayList<>();
        Map<UUID, Pending> byRow = new HashMap<>();
        for (Pending p : batch) {
            MarketState state = states.get(p);
            if (state != null) {
                NewIntent row = newIntent(p.command(), p.refs(), p.receivedAt(), state);
                rows.add(row);
                byRow.put(row.id(), p);
            }
        }
        Map<UUID, StoredIntent> stored = intents.insertAll(rows);
        List<NewIntent> demoted = new ArrayList<>();
        answerLosers(notStored(rows, stored), byRow, outcomes, demoted);
        Map<UUID, StoredIntent> storedDemoted = intents.insertAll(demoted);
        answerLosers(notStored(demoted, storedDemoted), byRow, outcomes, null);
        stored.putAll(storedDemoted);
        stored.forEach((id, row) -> outcomes.put(byRow.get(id), new Answer(BetIntentView.of(row), false)));
        return outcomes;
    }

    /**
     * As {@link #placeTimed} without group commit, in its order: a key used before answers as its replay, then
     * the refusals that write nothing. Returns the requests left to decide, in (player, market, key) order so that
     * concurrent batches take their row locks in one order.
     */
    private List<Pending> answerReplaysAndRefusals(List<Pending> requests, Map<Pending, Object> outcomes) {
        Map<UserKey, StoredIntent> earlier = intents.byKeys(requests.stream()
                .map(p -> new UserKey(p.refs().sessionUserId(), p.command().idempotencyKey())).distinct().toList());
        List<Pending> left = new ArrayList<>();
        for (Pending p : requests) {
            StoredIntent before = earlier.get(new UserKey(p.refs().sessionUserId(), p.command().idempotencyKey()));
            try {
                if (before != null) {
                    outcomes.put(p, replay(before, p.command()));
                    continue;
                }
                refuseUnrecordable(p.command(), p.refs(), p.receivedAt());
                left.add(p);
            } catch (Refusal refused) {
                outcomes.put(p, refused);
            }
        }
        left.sort(Comparator.comparing((Pending p) -> p.refs().sessionUserId())
                .thenComparing(p -> p.command().marketId()).thenComparing(p -> p.command().idempotencyKey()));
        return left;
    }

    private static List<NewIntent> notStored(List<NewIntent> rows, Map<UUID, StoredIntent> stored) {
        return rows.stream().filter(r -> !stored.containsKey(r.id())).toList();
    }

    private void answerLosers(List<NewIntent> lost, Map<UUID, Pending> byRow, Map<Pending, Object> outcomes,
            List<NewIntent> demoted) {
        if (lost.isEmpty()) {
            return;
        }
        Map<UserKey, StoredIntent> sameKey = intents.byKeys(lost.stream()
                .map(r -> new UserKey(r.userId(), r.idempotencyKey())).distinct().toList());
        for (NewIntent row : lost) {
            Pending p = byRow.get(row.id());
            StoredIntent earlier = sameKey.get(new UserKey(row.userId(), row.idempotencyKey()));
            if (earlier != null) {
                try {
                    outcomes.put(p, replay(earlier, p.command()));
                } catch (Refusal reused) {
                    outcomes.put(p, reused);
                }
            } else if (demoted != null && row.code().accepted()) {
                demoted.add(row.asAlreadyPredicted());
            } else {
                outcomes.put(p, new IllegalStateException("an intent conflicted with no row under its key"));
            }
        }
    }

    @PreDestroy
    void stopGroupCommit() throws InterruptedException {
        if (groupCommit != null) {
            groupCommit.close();
        }
    }

    private static void refuseUnrecordable(PlaceBetIntent c, References refs, Instant receivedAt) {
        if (refs.sessionOwner() == null) {
            throw Refusal.ruleBroken("UNKNOWN_SESSION", "session " + c.sessionId() + " does not exist");
        }
        if (!refs.sessionOwner().equals(c.externalRef())) {
            // Another player's session is indistinguishable from one that does not exist to this caller.
            throw Refusal.notFound("session", c.sessionId());
        }
        if (refs.marketEventId() == null) {
            throw Refusal.ruleBroken("UNKNOWN_MARKET", "market " + c.marketId() + " does not exist");
        }
        if (refs.outcomeMarketId() == null) {
            throw Refusal.ruleBroken("UNKNOWN_OUTCOME", "outcome " + c.outcomeId() + " does not exist");
        }
        if (!refs.outcomeMarketId().equals(c.marketId())) {
            throw Refusal.ruleBroken("OUTCOME_NOT_IN_MARKET",
                    "outcome " + c.outcomeId() + " is not an outcome of market " + c.marketId());
        }
        if (!c.marketId().equals(refs.oddsVersionMarketId())) {
            throw Refusal.ruleBroken("UNKNOWN_ODDS_VERSION",
                    "odds version " + c.oddsVersionId() + " is not an odds version of market " + c.marketId());
        }
    }

    private Answer decideAndRecord(PlaceBetIntent c, References refs, Instant receivedAt) {
        NewIntent row = newIntent(c, refs, receivedAt, lockMarket(c, refs.sessionUserId()));

        Optional<StoredIntent> stored = intents.insert(row);
        if (stored.isEmpty()) {
            // A unique key won a race. The same key: answer as its replay. Otherwise it was the one accepted
            // intent per market: this request lost it and is recorded as what it is, ALREADY_PREDICTED.
            Optional<StoredIntent> sameKey = intents.byKey(c.externalRef(), c.idempotencyKey());
            if (sameKey.isPresent()) {
                return replay(sameKey.get(), c);
            }
            if (!row.code().accepted()) {
                throw new IllegalStateException("a refused intent conflicted with no row under its key");
            }
            stored = intents.insert(row.asAlreadyPredicted());
            if (stored.isEmpty()) {
                return replay(intents.byKey(c.externalRef(), c.idempotencyKey()).orElseThrow(), c);
            }
        }
        return new Answer(BetIntentView.of(stored.get()), false);
    }

    private static NewIntent newIntent(PlaceBetIntent c, References refs, Instant receivedAt, MarketState market) {
        AcceptanceCode code = Acceptance.decide(new Acceptance.Facts(market.sessionEnded(), market.marketStatus(),
                market.eventStatus(), market.lockAt(), receivedAt, c.oddsVersionId(), market.currentVersionId(),
                market.seenOdds(), market.currentOdds(), c.acceptOdds(), market.alreadyPredicted()));
        return new NewIntent(Ids.newId(), refs.sessionUserId(), c.sessionId(), refs.marketEventId(),
                c.marketId(), c.outcomeId(), c.idempotencyKey(), c.clientSentAt(), receivedAt, code,
                code.accepted() ? market.currentVersionId() : null, c.oddsVersionId(), c.acceptOdds());
    }

    private MarketState lockMarket(PlaceBetIntent c, UUID userId) {
        for (int attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
            Optional<MarketState> state = intents.lockMarket(c.marketId(), c.sessionId(), userId, c.outcomeId(),
                    c.oddsVersionId());
            if (state.isPresent()) {
                return state.get();
            }
        }
        throw oddsUnavailable(c);
    }

    private Refusal oddsUnavailable(PlaceBetIntent c) {
        // A market whose current odds cannot be found may be gone (a draft edited away): re-read its references.
        references.forget(c.marketId(), c.outcomeId(), c.oddsVersionId());
        return new Refusal(Refusal.Kind.UNAVAILABLE, "ODDS_UNAVAILABLE",
                "market " + c.marketId() + " has no current odds right now; retry shortly");
    }

    private Answer replay(StoredIntent earlier, PlaceBetIntent command) {
        if (!command.samePayloadAs(earlier)) {
            throw Refusal.ruleBroken("IDEMPOTENCY_KEY_REUSED",
                    "this Idempotency-Key was already used for a different request");
        }
        replays.increment();
        return new Answer(BetIntentView.of(earlier), true);
    }

    Page<BetIntentView> history(String externalRef, UUID eventId, String cursor, Integer limit) {
        int size = Cursor.limit(limit);
        List<StoredIntent> rows = intents.history(externalRef, eventId, Cursor.decode(cursor), size + 1);
        boolean more = rows.size() > size;
        List<StoredIntent> page = more ? rows.subList(0, size) : rows;
        String next = more ? new Cursor(page.get(size - 1).serverReceivedAt(), page.get(size - 1).id()).encode() : null;
        return new Page<>(page.stream().map(BetIntentView::of).toList(), next);
    }

    BetIntentView one(UUID id, String externalRef) {
        return intents.findOwned(id, externalRef).map(BetIntentView::of)
                .orElseThrow(() -> Refusal.notFound("bet intent", id));
    }
}
