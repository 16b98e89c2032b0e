package dev.reveal.betting;

import dev.reveal.platform.Refusal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A player's prediction as requested. {@code clientSentAt} is kept at the database's microsecond precision, so
 * the request compares equal to its stored row when it is replayed.
 */
record PlaceBetIntent(String externalRef, String idempotencyKey, UUID sessionId, UUID marketId, UUID outcomeId,
                      UUID oddsVersionId, Instant clientSentAt, AcceptOdds acceptOdds) {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    PlaceBetIntent {
        if (idempotencyKey == null || idempotencyKey.isEmpty()) {
            throw Refusal.malformed("MISSING_IDEMPOTENCY_KEY", "the Idempotency-Key header is required");
        }
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw Refusal.malformed("INVALID_IDEMPOTENCY_KEY",
                    "the Idempotency-Key header must be 1 to 255 visible ASCII characters");
        }
        clientSentAt = clientSentAt.truncatedTo(ChronoUnit.MICROS);
        acceptOdds = acceptOdds == null ? AcceptOdds.EXACT : acceptOdds;
    }

    /** Same key, same request: everything but the key and the caller is compared. */
    boolean samePayloadAs(StoredIntent row) {
        return sessionId.equals(row.sessionId()) && marketId.equals(row.marketId()) && outcomeId.equals(row.outcomeId())
                && oddsVersionId.equals(row.seenOddsVersionId()) && clientSentAt.equals(row.clientSentAt())
                && acceptOdds == row.acceptOdds();
    }
}
