package dev.reveal.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Body of {@code POST /admin/v1/events} and {@code PUT /admin/v1/events/{id}}: an event with its clip, its markets,
 * their outcomes and each outcome's first price, created in one transaction.
 *
 * <p>Windows are milliseconds into the clip: {@code previewStartMs < previewEndMs ≤ revealStartMs < revealEndMs}.
 * The media's windows default to the event's. A market's {@code lockAt} defaults to the event's and may not be
 * later. {@code sourceRef} (the feed's id) makes creation idempotent: the same ref with the same content answers
 * 200 with the existing event, with different content 409. {@code validateMedia} (default true) fetches the HLS
 * playlist to check it and to learn the clip's duration.
 */
@Schema(example = """
        {"sourceRef": "feed-42-penalty",
         "sportType": "FOOTBALL",
         "titleEn": "Penalty: Malmö vs AIK", "titleSv": "Straff: Malmö mot AIK",
         "previewStartMs": 0, "previewEndMs": 8000, "revealStartMs": 8000, "revealEndMs": 15000,
         "lockAt": "2030-05-01T18:00:00Z", "settleAt": "2030-05-01T18:05:00Z",
         "validateMedia": true,
         "media": {"hlsMasterUrl": "https://cdn.example/clips/42/master.m3u8", "posterUrl": "https://cdn.example/clips/42/poster.jpg"},
         "markets": [{
           "questionKey": "market.penalty.scored", "marketType": "YES_NO",
           "outcomes": [
             {"code": "YES", "labelKey": "outcome.yes", "decimalOdds": 1.8},
             {"code": "NO", "labelKey": "outcome.no", "fractionalOdds": "11/10"}]}]}""")
public record CreateEventRequest(
        @Size(min = 1, max = 255) String sourceRef,
        @NotNull SportType sportType,
        @NotBlank @Size(max = 200) String titleEn,
        @Size(min = 1, max = 200) String titleSv,
        @NotNull @PositiveOrZero Integer previewStartMs,
        @NotNull @PositiveOrZero Integer previewEndMs,
        @NotNull @PositiveOrZero Integer revealStartMs,
        @NotNull @PositiveOrZero Integer revealEndMs,
        @NotNull Instant lockAt,
        @NotNull Instant settleAt,
        Boolean validateMedia,
        @NotNull @Valid Media media,
        @NotEmpty @Size(max = 20) List<@NotNull @Valid Market> markets) {

    /** The clip (HLS). Windows left out are the event's; durationMs is read from the playlist when left out. */
    public record Media(
            @NotBlank @Size(max = 2048) String hlsMasterUrl,
            @Size(max = 2048) String posterUrl,
            @Positive Integer durationMs,
            @PositiveOrZero Integer previewStartMs,
            @PositiveOrZero Integer previewEndMs,
            @PositiveOrZero Integer revealStartMs,
            @PositiveOrZero Integer revealEndMs) {
    }

    /** A question; {@code questionKey} and {@code settlementRuleKey} name localization keys. */
    public record Market(
            @NotBlank @Size(max = 128) String questionKey,
            @NotNull MarketType marketType,
            Instant lockAt,
            @Size(max = 128) String settlementRuleKey,
            @NotEmpty @Size(max = 32) List<@NotNull @Valid Outcome> outcomes) {
    }

    /** An answer with its first price: decimal and/or fractional ("4/5"); the missing form is derived. */
    public record Outcome(
            @NotBlank @Size(max = 32) String code,
            @NotBlank @Size(max = 128) String labelKey,
            @PositiveOrZero Integer sortOrder,
            BigDecimal decimalOdds,
            @Size(max = 16) String fractionalOdds) {
    }

    public boolean mediaValidation() {
        return validateMedia == null || validateMedia;
    }
}
