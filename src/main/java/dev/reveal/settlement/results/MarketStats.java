package dev.reveal.settlement.results;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What players did on one market. {@code playerShare}: distinct players with an accepted prediction on the outcome
 * over distinct players with one on the market. {@code medianMsBeforeLock}: median of lock time minus receive time over
 * accepted predictions. Acceptance codes that never occurred are absent.
 */
record MarketStats(UUID marketId, String status, Instant lockAt, UUID winningOutcomeId, long intents,
                   long acceptedIntents, long players, Long medianMsBeforeLock, List<OutcomeStats> outcomes,
                   Map<String, Long> acceptanceCodes) {

    record OutcomeStats(UUID outcomeId, String outcomeCode, long intents, long acceptedIntents, long players,
                        BigDecimal playerShare) {
    }
}
