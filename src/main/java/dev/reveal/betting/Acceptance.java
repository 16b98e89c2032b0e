package dev.reveal.betting;

import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.MarketStatus;
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
        if (notOpen(f.marketStatus(), f.eventStatus())) {
            return AcceptanceCode.MARKET_NOT_OPEN;
        }
        if (locked(f)) {
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

    /**
     * DRAFT, SUSPENDED, SETTLED or VOID markets, and events that are not OPEN. A LOCKED market or event is not
     * "not open" but locked: it answers MARKET_LOCKED, as does any market once its lock time has passed.
     */
    private static boolean notOpen(MarketStatus market, EventStatus event) {
        boolean marketNotOpen = market != MarketStatus.OPEN && market != MarketStatus.LOCKED;
        boolean eventNotOpen = event != EventStatus.OPEN && event != EventStatus.LOCKED;
        return marketNotOpen || eventNotOpen;
    }

    private static boolean locked(Facts f) {
        return f.marketStatus() == MarketStatus.LOCKED || f.eventStatus() == EventStatus.LOCKED
                || !f.receivedAt().isBefore(f.lockAt());
    }
}
