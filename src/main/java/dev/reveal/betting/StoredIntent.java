package dev.reveal.betting;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A bet_intents row with the odds it was accepted at and, in history, its result. */
record StoredIntent(UUID id, UUID userId, UUID sessionId, UUID eventId, UUID marketId, UUID outcomeId,
                    String idempotencyKey, Instant clientSentAt, Instant serverReceivedAt, AcceptanceCode acceptanceCode,
                    UUID acceptedOddsVersionId, UUID seenOddsVersionId, AcceptOdds acceptOdds,
                    BigDecimal acceptedDecimalOdds, Integer acceptedFractionalNum, Integer acceptedFractionalDen,
                    String result, UUID winningOutcomeId) {
}
