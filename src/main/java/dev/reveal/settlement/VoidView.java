package dev.reveal.settlement;

import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.MarketStatus;
import java.util.UUID;

/** A voided market, with whether this request voided it or found it void already. */
record VoidView(UUID marketId, UUID eventId, MarketStatus marketStatus, Change change, EventStatus eventStatus) {

    enum Change { VOIDED, UNCHANGED }
}
