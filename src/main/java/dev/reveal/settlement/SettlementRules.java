package dev.reveal.settlement;

import dev.reveal.catalog.MarketStatus;
import java.util.Optional;
import java.util.UUID;

/** What a settle or void request does to a market, and when an event is finished. Pure: no Spring, no SQL. */
final class SettlementRules {

    enum SettleVerdict {
        /** First result: write the settlement and move the market to SETTLED. */
        SETTLE,
        /** The same result again: answer as before, write nothing. */
        UNCHANGED,
        /** A different result sent as a correction: replace the winner. */
        CORRECT,
        /** The market still takes predictions. */
        NOT_LOCKED,
        /** DRAFT or VOID: nothing to settle. */
        NOT_SETTLEABLE,
        /** A different result without the correction flag. */
        CONFLICT
    }

    enum VoidVerdict { VOID, UNCHANGED, NOT_VOIDABLE }

    private SettlementRules() {
    }

    /**
     * A market may be settled once it is LOCKED, or while OPEN/SUSPENDED once its lock time has passed: the lock
     * job may not have flipped the status yet, but acceptance already refuses predictions by time.
     */
    static SettleVerdict settle(MarketStatus status, boolean lockPassed, Optional<UUID> currentWinner,
            UUID requestedWinner, boolean correction) {
        // past its lock time a market is LOCKED, written or not (the catalog's state machine says so)
        return switch (status.at(lockPassed)) {
            case SETTLED -> {
                UUID winner = currentWinner.orElseThrow(
                        () -> new IllegalStateException("a SETTLED market without a settlement row"));
                if (winner.equals(requestedWinner)) {
                    yield SettleVerdict.UNCHANGED;
                }
                yield correction ? SettleVerdict.CORRECT : SettleVerdict.CONFLICT;
            }
            case LOCKED -> SettleVerdict.SETTLE;
            case OPEN, SUSPENDED -> SettleVerdict.NOT_LOCKED;
            case DRAFT, VOID -> SettleVerdict.NOT_SETTLEABLE;
        };
    }

    /** Any market that is not closed can be voided; voiding twice is a no-op; a settled result stays. */
    static VoidVerdict voidMarket(MarketStatus status) {
        return switch (status) {
            case VOID -> VoidVerdict.UNCHANGED;
            case SETTLED -> VoidVerdict.NOT_VOIDABLE;
            case DRAFT, OPEN, SUSPENDED, LOCKED -> VoidVerdict.VOID;
        };
    }
}
