package dev.reveal.feed;

import dev.reveal.feed.FeedRows.EventRow;
import dev.reveal.feed.FeedRows.MarketRow;
import dev.reveal.feed.FeedRows.MediaRow;
import dev.reveal.feed.FeedRows.OutcomeRow;
import dev.reveal.platform.StaleReads;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Read-only bulk queries: one statement per kind of row, never one per event or market. */
@Repository
class FeedEvents {

    private static final String EVENT_COLUMNS = """
            e.id, e.sport_type, e.title_en, e.title_sv, e.status, e.preview_start_ms, e.preview_end_ms,
            e.reveal_start_ms, e.reveal_end_ms, e.lock_at
            """;

    private final JdbcClient jdbc;

    FeedEvents(StaleReads reads) {
        this.jdbc = reads.jdbc();
    }

    List<EventRow> openEvents(Instant now, int limit) {
        return jdbc.sql("SELECT " + EVENT_COLUMNS + """
                         FROM events e
                        WHERE e.status = 'OPEN' AND e.lock_at > ?
                        ORDER BY e.lock_at, e.id
                        LIMIT ?
                        """)
                .params(Timestamp.from(now), limit).query(FeedEvents::event).list();
    }

    Optional<EventRow> published(UUID id) {
        return jdbc.sql("SELECT " + EVENT_COLUMNS + " FROM events e WHERE e.id = ? AND e.status <> 'DRAFT'")
                .param(id).query(FeedEvents::event).optional();
    }

    List<MediaRow> media(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT id, event_id, media_type, hls_master_url, poster_url, duration_ms, preview_start_ms,
                               preview_end_ms, reveal_start_ms, reveal_end_ms
                          FROM event_media
                         WHERE event_id IN (:ids) AND media_type IN ('PREVIEW', 'REVEAL')
                         ORDER BY event_id, media_type
                        """)
                .param("ids", eventIds)
                .query((rs, n) -> new MediaRow(uuid(rs, "id"), uuid(rs, "event_id"), rs.getString("media_type"),
                        rs.getString("hls_master_url"), rs.getString("poster_url"), integer(rs, "duration_ms"),
                        rs.getInt("preview_start_ms"), rs.getInt("preview_end_ms"), rs.getInt("reveal_start_ms"),
                        rs.getInt("reveal_end_ms")))
                .list();
    }

    /** Markets open for predictions right now: OPEN or SUSPENDED and before their own lock time. */
    List<MarketRow> predictableMarkets(Collection<UUID> eventIds, Instant now) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(MARKETS + " WHERE m.event_id IN (:ids) AND m.status IN ('OPEN', 'SUSPENDED') AND m.lock_at > :now"
                        + " ORDER BY m.event_id, m.lock_at, m.id")
                .param("ids", eventIds).param("now", Timestamp.from(now)).query(FeedEvents::market).list();
    }

    /** Every market of a published event except drafts, with its settlement when there is one. */
    List<MarketRow> publishedMarkets(UUID eventId) {
        return jdbc.sql(MARKETS + " WHERE m.event_id = :id AND m.status <> 'DRAFT' ORDER BY m.lock_at, m.id")
                .param("id", eventId).query(FeedEvents::market).list();
    }

    private static final String MARKETS = """
            SELECT m.id, m.event_id, m.question_key, m.market_type, m.status, m.lock_at,
                   ov.id AS odds_version_id, ov.version_no, s.winning_outcome_id
              FROM markets m
              LEFT JOIN odds_versions ov ON ov.market_id = m.id AND ov.is_current
              LEFT JOIN settlements s ON s.market_id = m.id
            """;

    /** Outcomes in sort order with their odds in the market's current version. */
    List<OutcomeRow> outcomes(Collection<UUID> marketIds) {
        if (marketIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT o.id, o.market_id, o.outcome_code, o.label_key, o.sort_order,
                               oo.decimal_odds, oo.fractional_num, oo.fractional_den
                          FROM outcomes o
                          LEFT JOIN odds_versions ov ON ov.market_id = o.market_id AND ov.is_current
                          LEFT JOIN outcome_odds oo ON oo.odds_version_id = ov.id AND oo.outcome_id = o.id
                         WHERE o.market_id IN (:ids)
                         ORDER BY o.market_id, o.sort_order, o.outcome_code
                        """)
                .param("ids", marketIds)
                .query((rs, n) -> new OutcomeRow(uuid(rs, "id"), uuid(rs, "market_id"), rs.getString("outcome_code"),
                        rs.getString("label_key"), rs.getInt("sort_order"), rs.getBigDecimal("decimal_odds"),
                        integer(rs, "fractional_num"), integer(rs, "fractional_den")))
                .list();
    }

    private static EventRow event(ResultSet rs, int n) throws SQLException {
        return new EventRow(uuid(rs, "id"), rs.getString("sport_type"), rs.getString("title_en"), rs.getString("title_sv"),
                rs.getString("status"), rs.getInt("preview_start_ms"), rs.getInt("preview_end_ms"),
                rs.getInt("reveal_start_ms"), rs.getInt("reveal_end_ms"), rs.getTimestamp("lock_at").toInstant());
    }

    private static MarketRow market(ResultSet rs, int n) throws SQLException {
        return new MarketRow(uuid(rs, "id"), uuid(rs, "event_id"), rs.getString("question_key"), rs.getString("market_type"),
                rs.getString("status"), rs.getTimestamp("lock_at").toInstant(), uuid(rs, "odds_version_id"),
                integer(rs, "version_no"), uuid(rs, "winning_outcome_id"));
    }

    private static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
