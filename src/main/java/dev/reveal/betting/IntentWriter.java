package dev.reveal.betting;

import dev.reveal.betting.BetIntents.Locking;
import dev.reveal.betting.BetIntents.MarketState;
import dev.reveal.betting.BetIntents.UserKey;
import dev.reveal.betting.Outcome.Failed;
import dev.reveal.betting.Outcome.Recorded;
import dev.reveal.betting.Outcome.Refused;
import dev.reveal.platform.DeadlockRetry;
import dev.reveal.platform.Refusal;
import dev.reveal.players.SessionDirectory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a batch of predictions in one transaction: one lookup of earlier answers, one share-locking read of the
 * markets, one multi-row insert. A request alone is a batch of one. Rows that lose a unique key are settled as the
 * database decided: the same key answers as its replay; an accepted intent beaten to the market is recorded
 * ALREADY_PREDICTED.
 */
@Component
class IntentWriter {

    private static final Logger log = LoggerFactory.getLogger(IntentWriter.class);

    /** Re-reads of a market whose current odds version moved between the read and the share lock. */
    private static final int LOCK_ATTEMPTS = 20;

    /** Concurrent batches take their row locks in one order. */
    private static final Comparator<Placement> LOCK_ORDER = Comparator.comparing(Placement::callerId)
            .thenComparing(p -> p.command().marketId()).thenComparing(p -> p.command().idempotencyKey());

    private final BetIntents intents;
    private final ReferenceCache references;
    private final SessionDirectory sessions;
    private final TransactionTemplate tx;
    private final RetryTemplate retry = DeadlockRetry.template();

    IntentWriter(BetIntents intents, ReferenceCache references, SessionDirectory sessions,
            PlatformTransactionManager transactions) {
        this.intents = intents;
        this.references = references;
        this.sessions = sessions;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * The outcome of each placement, in batch order. A batch that fails on a lock or a key (a deadlock with another
     * batch, one bad row) committed nothing and is recorded one by one; any other failure (the database is away) is
     * thrown: it is every request's.
     */
    List<Outcome> write(List<Placement> batch) {
        try {
            return retry.invoke(() -> tx.execute(status -> writeInTransaction(batch)));
        } catch (PessimisticLockingFailureException | DataIntegrityViolationException e) {
            if (batch.size() == 1) {
                return List.of(new Failed(e));
            }
            log.warn("a batch of {} bet intents failed ({}); recording them one by one", batch.size(), e.toString());
            return batch.stream().map(p -> write(List.of(p)).get(0)).toList();
        }
    }

    private List<Outcome> writeInTransaction(List<Placement> batch) {
        Map<Placement, Outcome> outcomes = new IdentityHashMap<>();
        List<Placement> recordable = answerReplaysAndRefusals(batch, outcomes);
        Map<UUID, Placement> byRow = new HashMap<>();
        List<NewIntent> rows = new ArrayList<>();
        Map<Placement, MarketState> states = lockMarkets(recordable);
        Set<UUID> ended = sessions.ended(recordable.stream().map(p -> p.command().sessionId()).distinct().toList());
        for (Placement p : recordable) {
            MarketState state = states.get(p);
            if (state == null) {
                outcomes.put(p, oddsUnavailable(p.command()));
            } else {
                NewIntent row = NewIntent.decided(p, state, ended.contains(p.command().sessionId()));
                rows.add(row);
                byRow.put(row.id(), p);
            }
        }
        // A second round only for accepted rows beaten to their market; those go in as ALREADY_PREDICTED and can
        // then lose to nothing but their own key.
        while (!rows.isEmpty()) {
            Map<UUID, StoredIntent> stored = intents.insertAll(rows);
            stored.forEach((id, row) -> outcomes.put(byRow.get(id), new Recorded(BetIntentView.of(row), false)));
            rows = answerLosers(rows.stream().filter(r -> !stored.containsKey(r.id())).toList(), byRow, outcomes);
        }
        return batch.stream().map(outcomes::get).toList();
    }

    /** A key used before answers as its replay; then the refusals that write nothing. Returns the rest, lock-ordered. */
    private List<Placement> answerReplaysAndRefusals(List<Placement> batch, Map<Placement, Outcome> outcomes) {
        Map<UserKey, StoredIntent> earlier = intents.byKeys(batch.stream().map(Placement::key)
                .filter(Objects::nonNull).distinct().toList());
        List<Placement> left = new ArrayList<>();
        for (Placement p : batch) {
            StoredIntent before = p.key() == null ? null : earlier.get(p.key());
            Optional<Refusal> refusal = p.unrecordable();
            if (before != null) {
                outcomes.put(p, replay(before, p.command()));
            } else if (refusal.isPresent()) {
                outcomes.put(p, new Refused(refusal.get()));
            } else {
                left.add(p);
            }
        }
        left.sort(LOCK_ORDER);
        return left;
    }

    private Map<Placement, MarketState> lockMarkets(List<Placement> placements) {
        Map<Placement, MarketState> states = new IdentityHashMap<>();
        List<Placement> waiting = placements;
        for (int attempt = 0; attempt < LOCK_ATTEMPTS && !waiting.isEmpty(); attempt++) {
            Map<Integer, MarketState> locked = intents.lockMarkets(waiting.stream().map(p -> new Locking(
                    p.command().marketId(), p.callerId(), p.command().outcomeId(), p.command().oddsVersionId())).toList());
            List<Placement> moved = new ArrayList<>();
            for (int i = 0; i < waiting.size(); i++) {
                MarketState state = locked.get(i);
                if (state == null) {
                    moved.add(waiting.get(i));
                } else {
                    states.put(waiting.get(i), state);
                }
            }
            waiting = moved;
        }
        return states;
    }

    /** Answers rows that lost a unique key; returns the accepted ones that lost their market, as ALREADY_PREDICTED. */
    private List<NewIntent> answerLosers(List<NewIntent> lost, Map<UUID, Placement> byRow,
            Map<Placement, Outcome> outcomes) {
        if (lost.isEmpty()) {
            return List.of();
        }
        Map<UserKey, StoredIntent> sameKey = intents.byKeys(lost.stream().map(NewIntent::userKey).distinct().toList());
        List<NewIntent> demoted = new ArrayList<>();
        for (NewIntent row : lost) {
            Placement p = byRow.get(row.id());
            StoredIntent earlier = sameKey.get(row.userKey());
            if (earlier != null) {
                outcomes.put(p, replay(earlier, p.command()));
            } else if (row.code().accepted()) {
                demoted.add(row.asAlreadyPredicted());
            } else {
                outcomes.put(p, new Failed(new IllegalStateException("an intent conflicted with no row under its key")));
            }
        }
        return demoted;
    }

    private static Outcome replay(StoredIntent earlier, PlaceBetIntent command) {
        if (!command.samePayloadAs(earlier)) {
            return new Refused(Refusal.ruleBroken("IDEMPOTENCY_KEY_REUSED",
                    "this Idempotency-Key was already used for a different request"));
        }
        return new Recorded(BetIntentView.of(earlier), true);
    }

    private Outcome oddsUnavailable(PlaceBetIntent c) {
        // A market whose current odds cannot be found may be gone (a draft edited away): re-read its references.
        references.forget(c.marketId(), c.outcomeId(), c.oddsVersionId());
        return new Refused(Refusal.unavailable("ODDS_UNAVAILABLE",
                "market " + c.marketId() + " has no current odds right now; retry shortly"));
    }
}
