package dev.reveal.betting;

import dev.reveal.betting.BetIntents.MarketState;
import dev.reveal.betting.BetIntents.NewIntent;
import dev.reveal.betting.BetIntents.References;
import dev.reveal.platform.Cursor;
import dev.reveal.platform.Ids;
import dev.reveal.platform.Page;
import dev.reveal.platform.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class BetIntentService {

    static final Duration CLIENT_CLOCK_TOLERANCE = Duration.ofHours(24);
    private static final int LOCK_ATTEMPTS = 20;
    private static final int DEADLOCK_ATTEMPTS = 3;

    private final BetIntents intents;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final Map<AcceptanceCode, Counter> decisions = new EnumMap<>(AcceptanceCode.class);
    private final Counter replays;
    private final Timer latency;

    /** The answer and whether it repeats an earlier one (200 + Idempotent-Replayed) or is new (201). */
    record Answer(BetIntentView intent, boolean replayed) {
    }

    BetIntentService(BetIntents intents, Clock clock, PlatformTransactionManager transactions, MeterRegistry meters) {
        this.intents = intents;
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
    }

    Answer place(PlaceBetIntent command) {
        return latency.record(() -> placeTimed(command));
    }

    private Answer placeTimed(PlaceBetIntent command) {
        // The server's receive time decides the lock and is what the row stores, at the database's precision.
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<StoredIntent> earlier = intents.byKey(command.externalRef(), command.idempotencyKey());
        if (earlier.isPresent()) {
            return replay(earlier.get(), command);
        }
        References refs = intents.references(command.sessionId(), command.marketId(), command.outcomeId(),
                command.oddsVersionId());
        refuseUnrecordable(command, refs, receivedAt);

        for (int attempt = 1; ; attempt++) {
            try {
                Answer answer = tx.execute(status -> decideAndRecord(command, refs, receivedAt));
                if (!answer.replayed()) {
                    decisions.get(answer.intent().acceptanceCode()).increment();
                }
                return answer;
            } catch (PessimisticLockingFailureException e) {
                if (attempt >= DEADLOCK_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static void refuseUnrecordable(PlaceBetIntent c, References refs, Instant receivedAt) {
        if (refs.sessionOwner() == null) {
            throw ProblemException.unprocessable("UNKNOWN_SESSION", "session " + c.sessionId() + " does not exist");
        }
        if (!refs.sessionOwner().equals(c.externalRef())) {
            // Another player's session is indistinguishable from one that does not exist to this caller.
            throw ProblemException.notFound("session", c.sessionId());
        }
        if (refs.marketEventId() == null) {
            throw ProblemException.unprocessable("UNKNOWN_MARKET", "market " + c.marketId() + " does not exist");
        }
        if (refs.outcomeMarketId() == null) {
            throw ProblemException.unprocessable("UNKNOWN_OUTCOME", "outcome " + c.outcomeId() + " does not exist");
        }
        if (!refs.outcomeMarketId().equals(c.marketId())) {
            throw ProblemException.unprocessable("OUTCOME_NOT_IN_MARKET",
                    "outcome " + c.outcomeId() + " is not an outcome of market " + c.marketId());
        }
        if (!c.marketId().equals(refs.oddsVersionMarketId())) {
            throw ProblemException.unprocessable("UNKNOWN_ODDS_VERSION",
                    "odds version " + c.oddsVersionId() + " is not an odds version of market " + c.marketId());
        }
        if (Duration.between(receivedAt, c.clientSentAt()).abs().compareTo(CLIENT_CLOCK_TOLERANCE) > 0) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "CLIENT_SENT_AT_OUT_OF_RANGE",
                    "clientSentAt must be within 24 hours of the server's time",
                    Map.of("errors", List.of(new ProblemException.FieldError("clientSentAt",
                            "must be within 24 hours of the server's time"))));
        }
    }

    private Answer decideAndRecord(PlaceBetIntent c, References refs, Instant receivedAt) {
        MarketState market = lockMarket(c, refs.sessionUserId());
        AcceptanceCode code = Acceptance.decide(new Acceptance.Facts(market.sessionEnded(), market.marketStatus(),
                market.eventStatus(), market.lockAt(), receivedAt, c.oddsVersionId(), market.currentVersionId(),
                market.seenOdds(), market.currentOdds(), c.acceptOdds(), market.alreadyPredicted()));
        NewIntent row = new NewIntent(Ids.newId(), refs.sessionUserId(), c.sessionId(), refs.marketEventId(),
                c.marketId(), c.outcomeId(), c.idempotencyKey(), c.clientSentAt(), receivedAt, code,
                code.accepted() ? market.currentVersionId() : null, c.oddsVersionId(), c.acceptOdds());

        Optional<StoredIntent> stored = intents.insert(row);
        if (stored.isEmpty()) {
            // A unique key won a race. The same key: answer as its replay. Otherwise it was the one accepted
            // intent per market: this request lost it and is recorded as what it is, ALREADY_PREDICTED.
            Optional<StoredIntent> sameKey = intents.byKey(c.externalRef(), c.idempotencyKey());
            if (sameKey.isPresent()) {
                return replay(sameKey.get(), c);
            }
            if (!code.accepted()) {
                throw new IllegalStateException("a refused intent conflicted with no row under its key");
            }
            stored = intents.insert(row.asAlreadyPredicted());
            if (stored.isEmpty()) {
                return replay(intents.byKey(c.externalRef(), c.idempotencyKey()).orElseThrow(), c);
            }
        }
        return new Answer(BetIntentView.of(stored.get()), false);
    }

    private MarketState lockMarket(PlaceBetIntent c, UUID userId) {
        for (int attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
            Optional<MarketState> state = intents.lockMarket(c.marketId(), c.sessionId(), userId, c.outcomeId(),
                    c.oddsVersionId());
            if (state.isPresent()) {
                return state.get();
            }
        }
        throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "ODDS_UNAVAILABLE",
                "market " + c.marketId() + " has no current odds right now; retry shortly");
    }

    private Answer replay(StoredIntent earlier, PlaceBetIntent command) {
        if (!command.samePayloadAs(earlier)) {
            throw ProblemException.unprocessable("IDEMPOTENCY_KEY_REUSED",
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
                .orElseThrow(() -> ProblemException.notFound("bet intent", id));
    }
}
