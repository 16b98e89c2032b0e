package dev.reveal.betting;

import dev.reveal.betting.BetIntents.References;
import dev.reveal.betting.BetIntents.UserKey;
import dev.reveal.platform.Refusal;
import dev.reveal.players.SessionDirectory.SessionOwner;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A prediction with what was known of it before the write: the caller's user id (null for a player never seen),
 * the session and its owner (null when unknown), the immutable references, and the server's receive time, which
 * decides the lock and is what the row stores.
 */
record Placement(PlaceBetIntent command, UUID callerId, SessionOwner session, References refs, Instant receivedAt) {

    /** Where an earlier answer under this request's key would be; null when the caller has no intents at all. */
    UserKey key() {
        return callerId == null ? null : new UserKey(callerId, command.idempotencyKey());
    }

    /** The refusal of input that cannot be recorded (nothing is written), in product.md's order. */
    Optional<Refusal> unrecordable() {
        PlaceBetIntent c = command;
        if (session == null) {
            return Optional.of(Refusal.ruleBroken("UNKNOWN_SESSION",
                    "session " + c.sessionId() + " does not exist"));
        }
        if (!session.ownedBy(c.externalRef())) {
            // Another player's session is indistinguishable from one that does not exist to this caller.
            return Optional.of(Refusal.notFound("session", c.sessionId()));
        }
        if (refs.marketEventId() == null) {
            return Optional.of(Refusal.ruleBroken("UNKNOWN_MARKET", "market " + c.marketId() + " does not exist"));
        }
        if (refs.outcomeMarketId() == null) {
            return Optional.of(Refusal.ruleBroken("UNKNOWN_OUTCOME",
                    "outcome " + c.outcomeId() + " does not exist"));
        }
        if (!refs.outcomeMarketId().equals(c.marketId())) {
            return Optional.of(Refusal.ruleBroken("OUTCOME_NOT_IN_MARKET",
                    "outcome " + c.outcomeId() + " is not an outcome of market " + c.marketId()));
        }
        if (!c.marketId().equals(refs.oddsVersionMarketId())) {
            return Optional.of(Refusal.ruleBroken("UNKNOWN_ODDS_VERSION",
                    "odds version " + c.oddsVersionId() + " is not an odds version of market " + c.marketId()));
        }
        return Optional.empty();
    }
}
