package dev.reveal.settlement;

import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.MarketStatus;
import java.time.Instant;
import java.util.UUID;

/** A market's settlement as the operator sees it, with what this request changed. */
record SettlementView(UUID marketId, UUID eventId, MarketStatus marketStatus, UUID winningOutcomeId,
                      String winningOutcomeCode, Instant settledAt, Change change, EventStatus eventStatus) {

    enum Change { SETTLED, CORRECTED, UNCHANGED }
}
