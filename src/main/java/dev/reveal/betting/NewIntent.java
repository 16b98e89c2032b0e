package dev.reveal.betting;

import dev.reveal.betting.BetIntents.MarketState;
import dev.reveal.betting.BetIntents.UserKey;
import dev.reveal.platform.Ids;
import java.time.Instant;
import java.util.UUID;

/** A bet_intents row about to be inserted, with the acceptance decided. */
record NewIntent(UUID id, UUID userId, UUID sessionId, UUID eventId, UUID marketId, UUID outcomeId,
                 String idempotencyKey, Instant clientSentAt, Instant serverReceivedAt, AcceptanceCode code,
                 UUID acceptedOddsVersionId, UUID seenOddsVersionId, AcceptOdds acceptOdds) {

    /** The row of a placement, decided on the market's state read under its share lock. */
    static NewIntent decided(Placement p, MarketState market, boolean sessionEnded) {
        PlaceBetIntent c = p.command();
        AcceptanceCode code = Acceptance.decide(new Acceptance.Facts(sessionEnded, market.marketStatus(),
                market.eventStatus(), market.lockAt(), p.receivedAt(), c.oddsVersionId(), market.currentVersionId(),
                market.seenOdds(), market.currentOdds(), c.acceptOdds(), market.alreadyPredicted()));
        return new NewIntent(Ids.newId(), p.callerId(), c.sessionId(), p.refs().marketEventId(), c.marketId(),
                c.outcomeId(), c.idempotencyKey(), c.clientSentAt(), p.receivedAt(), code,
                code.accepted() ? market.currentVersionId() : null, c.oddsVersionId(), c.acceptOdds());
    }

    UserKey userKey() {
        return new UserKey(userId, idempotencyKey);
    }

    NewIntent asAlreadyPredicted() {
        return new NewIntent(id, userId, sessionId, eventId, marketId, outcomeId, idempotencyKey, clientSentAt,
                serverReceivedAt, AcceptanceCode.ALREADY_PREDICTED, null, seenOddsVersionId, acceptOdds);
    }
}
