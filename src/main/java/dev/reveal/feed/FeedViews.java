package dev.reveal.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The JSON players get. Reveal fields and winning outcomes stay null (and absent) until they may be shown. */
final class FeedViews {

    private FeedViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FeedView(String locale, List<EventView> events) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EventView(UUID id, String sportType, String title, String status, Instant lockAt, int previewStartMs,
                     int previewEndMs, Integer revealStartMs, Integer revealEndMs, List<MediaView> media,
                     List<MarketView> markets) {
    }

    /**
     * A rendition: {@code PREVIEW} (clear, the clip up to {@code previewEndMs}) always; {@code REVEAL} (the whole clip
     * on the same timeline, from {@code previewEndMs} on AES-128 encrypted; {@code hlsUrl} a short-lived signed link)
     * once locked. URLs are relative to the service.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MediaView(UUID id, String mediaType, String hlsUrl, String posterUrl, Integer durationMs, int previewStartMs,
                     int previewEndMs, Integer revealStartMs, Integer revealEndMs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MarketView(UUID id, String marketType, String status, Instant lockAt, String question, UUID oddsVersionId,
                      Integer oddsVersionNo, UUID winningOutcomeId, List<OutcomeView> outcomes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OutcomeView(UUID id, String code, String label, int sortOrder, BigDecimal decimalOdds, String fractionalOdds) {
    }
}
