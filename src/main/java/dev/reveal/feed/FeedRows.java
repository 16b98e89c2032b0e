package dev.reveal.feed;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Rows as read from the catalog and odds tables; turned into views by {@link FeedAssembler}. */
final class FeedRows {

    private FeedRows() {
    }

    record EventRow(UUID id, String sportType, String titleEn, String titleSv, String status, int previewStartMs,
                    int previewEndMs, int revealStartMs, int revealEndMs, Instant lockAt) {
    }

    record MediaRow(UUID id, UUID eventId, String mediaType, String hlsUrl, String posterUrl, Integer durationMs,
                    int previewStartMs, int previewEndMs, int revealStartMs, int revealEndMs) {
    }

    record MarketRow(UUID id, UUID eventId, String questionKey, String marketType, String status, Instant lockAt,
                     UUID oddsVersionId, Integer oddsVersionNo, UUID winningOutcomeId) {
    }

    record OutcomeRow(UUID id, UUID marketId, String code, String labelKey, int sortOrder, BigDecimal decimalOdds,
                      Integer fractionalNum, Integer fractionalDen) {
    }
}
