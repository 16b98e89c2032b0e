package dev.reveal.catalog;

import dev.reveal.odds.Odds;
import java.time.Instant;
import java.util.List;

/** A create/update request after defaults and derivations: what gets written, and what idempotent replays compare. */
record EventDraft(String sourceRef, SportType sportType, String titleEn, String titleSv, Windows windows, Instant lockAt,
                  Instant settleAt, MediaDraft media, List<MarketDraft> markets) {

    record Windows(int previewStartMs, int previewEndMs, int revealStartMs, int revealEndMs) {
    }

    record MediaDraft(String hlsMasterUrl, String posterUrl, Integer durationMs, Windows windows) {

        MediaDraft withDuration(Integer newDuration) {
            return new MediaDraft(hlsMasterUrl, posterUrl, newDuration, windows);
        }
    }

    record MarketDraft(String questionKey, MarketType marketType, Instant lockAt, String settlementRuleKey,
                       List<OutcomeDraft> outcomes) {
    }

    record OutcomeDraft(String code, String labelKey, int sortOrder, Odds odds) {
    }

    EventDraft withMedia(MediaDraft newMedia) {
        return new EventDraft(sourceRef, sportType, titleEn, titleSv, windows, lockAt, settleAt, newMedia, markets);
    }
}
