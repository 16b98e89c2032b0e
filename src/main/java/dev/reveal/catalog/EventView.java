package dev.reveal.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An event as operators see it: everything, including reveal windows, statuses and the current odds. */
public record EventView(UUID id, String sourceRef, SportType sportType, String titleEn, String titleSv, EventStatus status,
                        int previewStartMs, int previewEndMs, int revealStartMs, int revealEndMs,
                        Instant lockAt, Instant settleAt, MediaView media, List<MarketView> markets) {

    public record MediaView(UUID id, String mediaType, String hlsMasterUrl, String posterUrl, Integer durationMs,
                            int previewStartMs, int previewEndMs, int revealStartMs, int revealEndMs) {
    }

    /** {@code oddsVersionId}/{@code oddsVersionNo}: the current odds version, whose prices the outcomes carry. */
    public record MarketView(UUID id, String questionKey, MarketType marketType, MarketStatus status, Instant lockAt,
                             String settlementRuleKey, UUID oddsVersionId, Integer oddsVersionNo, List<OutcomeView> outcomes) {
    }

    public record OutcomeView(UUID id, String code, String labelKey, int sortOrder, BigDecimal decimalOdds,
                              String fractionalOdds) {
    }
}
