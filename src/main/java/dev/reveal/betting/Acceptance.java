package dev.reveal.betting;

import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.MarketStatus;
import dev.reveal.catalog.Openness;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The acceptance decision of product.md, checks in order, first failure wins. Pure: every input is a fact read
 * under the market's share lock, and {@code receivedAt} is the server time that is also stored on the row.
 */
final class Acceptance {

    private Acceptance() {
    }

    record Facts(boolean sessionEnded, MarketStatus marketStatus, EventStatus eventStatus, Instant lockAt,
                 Instant receivedAt, UUID seenVersionId, UUID currentVersionId, BigDecimal seenOdds,
                 BigDecimal currentOdds, AcceptOdds acceptOdds, boolean alreadyPredicted) {
    }

    static AcceptanceCode decide(Facts f) {
        if (f.sessionEnded()) {
            return AcceptanceCode.SESSION_ENDED;
        }
        // the catalog's one meaning of open: a LOCKED market or event, or one past its lock time, is locked
        Openness openness = Openness.of(f.marketStatus(), f.eventStatus(), f.lockAt(), f.receivedAt());
        if (openness == Openness.NOT_OPEN) {
            return AcceptanceCode.MARKET_NOT_OPEN;
        }
        if (openness == Openness.LOCKED) {
            return AcceptanceCode.MARKET_LOCKED;
        }
        if (!Objects.equals(f.seenVersionId(), f.currentVersionId())
                && !f.acceptOdds().allows(f.seenOdds(), f.currentOdds())) {
            return AcceptanceCode.ODDS_CHANGED;
        }
        if (f.alreadyPredicted()) {
            return AcceptanceCode.ALREADY_PREDICTED;
        }
        return AcceptanceCode.ACCEPTED;
    }
}
