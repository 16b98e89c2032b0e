package dev.reveal.settlement;

import dev.reveal.platform.Actor;
import java.util.UUID;

/** Settle a market with the winning outcome named by id or by code (or both, which must agree). */
record SettleMarket(UUID marketId, UUID winningOutcomeId, String winningOutcomeCode, boolean correction, String reason,
                    Actor actor) {
}
