package dev.reveal.live;

import dev.reveal.catalog.RevealLinks;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads what a notice announces, once per instance, so every subscriber gets the same current content. */
@Repository
class LiveContent {

    private final JdbcClient jdbc;
    private final RevealLinks links;

    LiveContent(JdbcClient jdbc, RevealLinks links) {
        this.jdbc = jdbc;
        this.links = links;
    }

    record OutcomeOdds(UUID outcomeId, String outcomeCode, BigDecimal decimalOdds, String fractional) {
    }

    record OddsUpdate(UUID marketId, UUID eventId, UUID oddsVersionId, int versionNo, List<OutcomeOdds> outcomes) {
    }

    /** {@code corrected} is true (otherwise absent) when a settled market's result was replaced. */
    record MarketUpdate(UUID marketId, UUID eventId, String status, Boolean corrected) {
    }

    /** {@code mediaType} PREVIEW or REVEAL; {@code hlsUrl}: the reveal rendition's short-lived signed link. */
    record MediaReveal(UUID mediaId, String mediaType, String hlsUrl, int revealStartMs, int revealEndMs) {
    }

    /** Reveal windows are only filled in once the event is locked (or later): spoiler safety. */
    record EventUpdate(UUID eventId, String status, Integer revealStartMs, Integer revealEndMs, List<MediaReveal> media) {
    }

    record Result(UUID marketId, UUID eventId, UUID outcomeId, UUID winningOutcomeId, String result) {
    }

    OddsUpdate odds(Notice notice) {
        List<OutcomeOdds> outcomes = jdbc.sql("""
                SELECT o.id, o.outcome_code, oo.decimal_odds, oo.fractional_num || '/' || oo.fractional_den AS fractional
                FROM outcome_odds oo JOIN outcomes o ON o.id = oo.outcome_id
                WHERE oo.odds_version_id = ? ORDER BY o.sort_order
                """).param(notice.oddsVersionId())
                .query((rs, n) -> new OutcomeOdds(rs.getObject(1, UUID.class), rs.getString(2), rs.getBigDecimal(3),
                        rs.getString(4)))
                .list();
        Integer versionNo = jdbc.sql("SELECT version_no FROM odds_versions WHERE id = ?").param(notice.oddsVersionId())
                .query(Integer.class).optional().orElse(0);
        return new OddsUpdate(notice.marketId(), notice.eventId(), notice.oddsVersionId(), versionNo, outcomes);
    }

    MarketUpdate market(Notice notice) {
        return Notice.CORRECTED.equals(notice.status())
                ? new MarketUpdate(notice.marketId(), notice.eventId(), "SETTLED", true)
                : new MarketUpdate(notice.marketId(), notice.eventId(), notice.status(), null);
    }

    EventUpdate event(Notice notice) {
        boolean revealed = List.of("LOCKED", "SETTLED").contains(notice.status());
        if (!revealed) {
            return new EventUpdate(notice.eventId(), notice.status(), null, null, null);
        }
        var windows = jdbc.sql("SELECT reveal_start_ms, reveal_end_ms FROM events WHERE id = ?")
                .param(notice.eventId()).query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)}).single();
        List<MediaReveal> media = jdbc.sql("""
                SELECT id, media_type, hls_master_url, reveal_start_ms, reveal_end_ms FROM event_media
                WHERE event_id = ? AND media_type IN ('PREVIEW', 'REVEAL') ORDER BY media_type
                """).param(notice.eventId())
                .query((rs, n) -> new MediaReveal(rs.getObject(1, UUID.class), rs.getString(2),
                        "REVEAL".equals(rs.getString(2)) ? links.signedPlaylist(rs.getString(3)) : null, rs.getInt(4),
                        rs.getInt(5)))
                .list();
        return new EventUpdate(notice.eventId(), notice.status(), windows[0], windows[1], media);
    }

    /** The settled (or void) result of each given player's accepted prediction on a market. */
    Map<String, Result> results(UUID marketId, Collection<String> externalRefs) {
        Map<String, Result> byPlayer = new HashMap<>();
        if (externalRefs.isEmpty()) {
            return byPlayer;
        }
        jdbc.sql("""
                SELECT u.external_ref, r.market_id, r.event_id, r.outcome_id, r.winning_outcome_id, r.result
                FROM bet_intent_results r JOIN users u ON u.id = r.user_id
                WHERE r.market_id = ? AND r.accepted AND r.result IN ('WON', 'LOST', 'VOID')
                  AND u.external_ref = ANY (?)
                """).param(marketId).param(externalRefs.toArray(String[]::new))
                .query(rs -> {
                    byPlayer.put(rs.getString(1), new Result(rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getString(6)));
                });
        return byPlayer;
    }
}
