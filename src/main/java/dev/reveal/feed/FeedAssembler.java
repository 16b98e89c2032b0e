package dev.reveal.feed;

import dev.reveal.catalog.MarketStatus;
import dev.reveal.feed.FeedRows.EventRow;
import dev.reveal.feed.FeedRows.MarketRow;
import dev.reveal.feed.FeedRows.MediaRow;
import dev.reveal.feed.FeedRows.OutcomeRow;
import dev.reveal.feed.FeedViews.EventView;
import dev.reveal.feed.FeedViews.MarketView;
import dev.reveal.feed.FeedViews.MediaView;
import dev.reveal.feed.FeedViews.OutcomeView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Turns rows into what a player may see. The spoiler rules live here and only here: reveal windows once the
 * event is locked (by status or by time), a winning outcome once its market is settled.
 */
final class FeedAssembler {

    private final LocaleChain locale;
    private final Map<String, String> texts;
    private final Instant now;
    private final UnaryOperator<String> signReveal;

    FeedAssembler(LocaleChain locale, Map<String, String> texts, Instant now) {
        this(locale, texts, now, url -> url);
    }

    /** {@code signReveal} turns a stored reveal rendition URL into the short-lived signed link a player may load. */
    FeedAssembler(LocaleChain locale, Map<String, String> texts, Instant now, UnaryOperator<String> signReveal) {
        this.locale = locale;
        this.texts = texts;
        this.now = now;
        this.signReveal = signReveal;
    }

    /** Feed entries never carry reveal windows or results, whatever the rows say. */
    EventView feedEntry(EventRow e, List<MediaRow> media, List<MarketRow> markets, Map<UUID, List<OutcomeRow>> outcomes) {
        return event(e, media, markets, outcomes, false);
    }

    EventView detail(EventRow e, List<MediaRow> media, List<MarketRow> markets, Map<UUID, List<OutcomeRow>> outcomes) {
        return event(e, media, markets, outcomes, true);
    }

    static boolean revealAllowed(String eventStatus, Instant lockAt, Instant now) {
        return "LOCKED".equals(eventStatus) || "SETTLED".equals(eventStatus) || !now.isBefore(lockAt);
    }

    /**
     * A market is locked once its lock time passes, whether or not a job has flipped its status yet (the catalog's
     * {@link MarketStatus#at}).
     */
    static String effectiveStatus(String status, Instant lockAt, Instant now) {
        return MarketStatus.valueOf(status).at(!now.isBefore(lockAt)).name();
    }

    /** {@code 1.8000 → 1.80}, {@code 1.8750 → 1.875}: at least two decimals, no trailing noise. */
    static BigDecimal decimal(BigDecimal odds) {
        if (odds == null) {
            return null;
        }
        BigDecimal stripped = odds.stripTrailingZeros();
        return stripped.scale() < 2 ? stripped.setScale(2) : stripped;
    }

    private EventView event(EventRow e, List<MediaRow> media, List<MarketRow> markets,
            Map<UUID, List<OutcomeRow>> outcomes, boolean detail) {
        boolean reveal = detail && revealAllowed(e.status(), e.lockAt(), now);
        String title = locale.swedish() && e.titleSv() != null ? e.titleSv() : e.titleEn();
        // the preview rendition always; the reveal rendition (encrypted, its key released at the lock) only with the lock
        List<MediaView> mediaViews = media.stream()
                .filter(m -> "PREVIEW".equals(m.mediaType()) || reveal && "REVEAL".equals(m.mediaType()))
                .map(m -> new MediaView(m.id(), m.mediaType(),
                        "REVEAL".equals(m.mediaType()) ? signReveal.apply(m.hlsUrl()) : m.hlsUrl(), m.posterUrl(),
                        m.durationMs(), m.previewStartMs(), m.previewEndMs(),
                        reveal ? m.revealStartMs() : null, reveal ? m.revealEndMs() : null)).toList();
        List<MarketView> marketViews = markets.stream()
                .map(m -> market(m, outcomes.getOrDefault(m.id(), List.of()), detail)).toList();
        return new EventView(e.id(), e.sportType(), title, e.status(), e.lockAt(), e.previewStartMs(), e.previewEndMs(),
                reveal ? e.revealStartMs() : null, reveal ? e.revealEndMs() : null, mediaViews, marketViews);
    }

    private MarketView market(MarketRow m, List<OutcomeRow> outcomes, boolean detail) {
        UUID winner = detail && "SETTLED".equals(m.status()) ? m.winningOutcomeId() : null;
        List<OutcomeView> outcomeViews = outcomes.stream().map(o -> new OutcomeView(o.id(), o.code(), text(o.labelKey()),
                o.sortOrder(), decimal(o.decimalOdds()),
                o.fractionalNum() == null ? null : o.fractionalNum() + "/" + o.fractionalDen())).toList();
        return new MarketView(m.id(), m.marketType(), effectiveStatus(m.status(), m.lockAt(), now), m.lockAt(),
                text(m.questionKey()), m.oddsVersionId(), m.oddsVersionNo(), winner, outcomeViews);
    }

    /** A key with no text in any locale of the chain shows as the key itself rather than nothing. */
    private String text(String key) {
        return texts.getOrDefault(key, key);
    }
}
