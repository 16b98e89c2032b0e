package dev.reveal.betting;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A bet intent as the player sees it. Built only from the stored row (and the immutable odds it points at), so a
 * replay answers byte for byte what the first request answered.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BetIntentView(UUID id, AcceptanceCode acceptanceCode, boolean accepted, UUID sessionId, UUID eventId,
                     UUID marketId, UUID outcomeId, UUID seenOddsVersionId, AcceptOdds acceptOdds,
                     UUID acceptedOddsVersionId, BigDecimal acceptedDecimalOdds, String acceptedFractionalOdds,
                     Instant clientSentAt, Instant serverReceivedAt, String result, UUID winningOutcomeId) {

    static BetIntentView of(StoredIntent row) {
        return new BetIntentView(row.id(), row.acceptanceCode(), row.acceptanceCode().accepted(), row.sessionId(),
                row.eventId(), row.marketId(), row.outcomeId(), row.seenOddsVersionId(), row.acceptOdds(),
                row.acceptedOddsVersionId(), decimal(row.acceptedDecimalOdds()),
                row.acceptedFractionalNum() == null ? null : row.acceptedFractionalNum() + "/" + row.acceptedFractionalDen(),
                row.clientSentAt(), row.serverReceivedAt(), row.result(),
                "WON".equals(row.result()) || "LOST".equals(row.result()) ? row.winningOutcomeId() : null);
    }

    private static BigDecimal decimal(BigDecimal odds) {
        if (odds == null) {
            return null;
        }
        BigDecimal stripped = odds.stripTrailingZeros();
        return stripped.scale() < 2 ? stripped.setScale(2) : stripped;
    }
}
