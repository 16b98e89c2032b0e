package dev.reveal.catalog;

import dev.reveal.catalog.EventDraft.MarketDraft;
import dev.reveal.catalog.EventDraft.OutcomeDraft;
import dev.reveal.platform.Cursor;
import dev.reveal.platform.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Events with their media, markets and outcomes (the aggregate operators create in one request). */
@Repository
class Events {

    private final JdbcClient jdbc;

    Events(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record EventRow(UUID id, String sourceRef, SportType sportType, String titleEn, String titleSv, EventStatus status,
                    int previewStartMs, int previewEndMs, int revealStartMs, int revealEndMs, Instant lockAt, Instant settleAt) {
    }

    record MarketRow(UUID id, UUID eventId, String questionKey, MarketType marketType, MarketStatus status, Instant lockAt,
                     String settlementRuleKey) {
    }

    record OutcomeRow(UUID id, UUID marketId, String code, String labelKey, int sortOrder) {
    }

    /** Written ids of a new event: the event, and per market (in request order) the market and its outcome ids. */
    record WrittenEvent(UUID eventId, List<WrittenMarket> markets) {
    }

    record WrittenMarket(UUID marketId, List<UUID> outcomeIds) {
    }

    /** Empty when another event holds the source ref: events_source_ref_uk decides, also between concurrent creates. */
    Optional<UUID> insertEvent(UUID id, EventDraft d) {
        return jdbc.sql("""
                        INSERT INTO events (id, sport_type, source_ref, title_en, title_sv, status, preview_start_ms, preview_end_ms,
                            reveal_start_ms, reveal_end_ms, lock_at, settle_at)
                        VALUES (?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (source_ref) DO NOTHING
                        RETURNING id
                        """)
                .params(id, d.sportType().name(), d.sourceRef(), d.titleEn(), d.titleSv(), d.windows().previewStartMs(),
                        d.windows().previewEndMs(), d.windows().revealStartMs(), d.windows().revealEndMs(), ts(d.lockAt()),
                        ts(d.settleAt()))
                .query(UUID.class).optional();
    }

    /** False when another event holds the new source ref. */
    boolean updateEvent(UUID id, EventDraft d) {
        return jdbc.sql("""
                        UPDATE events SET sport_type = ?, source_ref = ?, title_en = ?, title_sv = ?, preview_start_ms = ?,
                            preview_end_ms = ?, reveal_start_ms = ?, reveal_end_ms = ?, lock_at = ?, settle_at = ?
                        WHERE id = ? AND NOT EXISTS (SELECT 1 FROM events o WHERE o.source_ref = ? AND o.id <> ?)
                        """)
                .params(d.sportType().name(), d.sourceRef(), d.titleEn(), d.titleSv(), d.windows().previewStartMs(),
                        d.windows().previewEndMs(), d.windows().revealStartMs(), d.windows().revealEndMs(), ts(d.lockAt()),
                        ts(d.settleAt()), id, d.sourceRef(), id)
                .update() == 1;
    }

    /** Media, markets and outcomes of a draft; odds are written by the odds area. */
    WrittenEvent insertChildren(UUID eventId, EventDraft d) {
        EventDraft.MediaDraft m = d.media();
        jdbc.sql("""
                        INSERT INTO event_media (id, event_id, media_type, hls_master_url, poster_url, duration_ms, preview_start_ms,
                            preview_end_ms, reveal_start_ms, reveal_end_ms)
                        VALUES (?, ?, 'HLS', ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(Ids.newId(), eventId, m.hlsMasterUrl(), m.posterUrl(), m.durationMs(), m.windows().previewStartMs(),
                        m.windows().previewEndMs(), m.windows().revealStartMs(), m.windows().revealEndMs())
                .update();
        List<WrittenMarket> markets = new ArrayList<>();
        for (MarketDraft market : d.markets()) {
            UUID marketId = Ids.newId();
            jdbc.sql("""
                            INSERT INTO markets (id, event_id, question_key, market_type, status, lock_at, settlement_rule_key)
                            VALUES (?, ?, ?, ?, 'DRAFT', ?, ?)
                            """)
                    .params(marketId, eventId, market.questionKey(), market.marketType().name(), ts(market.lockAt()),
                            market.settlementRuleKey())
                    .update();
            List<UUID> outcomeIds = new ArrayList<>();
            for (OutcomeDraft o : market.outcomes()) {
                UUID outcomeId = Ids.newId();
                jdbc.sql("INSERT INTO outcomes (id, market_id, outcome_code, label_key, sort_order) VALUES (?, ?, ?, ?, ?)")
                        .params(outcomeId, marketId, o.code(), o.labelKey(), o.sortOrder()).update();
                outcomeIds.add(outcomeId);
            }
            markets.add(new WrittenMarket(marketId, outcomeIds));
        }
        return new WrittenEvent(eventId, markets);
    }

    /** The clip's prepared renditions (relative URLs the service serves); returns the reveal rendition's row id. */
    UUID insertRenditions(UUID eventId, EventDraft.MediaDraft m, String posterUrl, String previewUrl, String revealUrl) {
        UUID reveal = Ids.newId();
        for (Object[] row : List.of(new Object[] {Ids.newId(), "PREVIEW", previewUrl}, new Object[] {reveal, "REVEAL", revealUrl})) {
            jdbc.sql("""
                            INSERT INTO event_media (id, event_id, media_type, hls_master_url, poster_url, duration_ms,
                                preview_start_ms, preview_end_ms, reveal_start_ms, reveal_end_ms)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """)
                    .params(row[0], eventId, row[1], row[2], posterUrl, m.durationMs(), m.windows().previewStartMs(),
                            m.windows().previewEndMs(), m.windows().revealStartMs(), m.windows().revealEndMs())
                    .update();
        }
        return reveal;
    }

    /**
     * Removes media, markets and outcomes of a DRAFT event before it is rewritten (its odds are gone already: the odds
     * area removes them); returns the tokens of the renditions it had, whose files go once the rewrite has committed.
     */
    List<String> deleteChildren(UUID eventId) {
        List<String> tokens = jdbc.sql("""
                        SELECT split_part(hls_master_url, '/', 3) FROM event_media
                        WHERE event_id = ? AND media_type IN ('PREVIEW', 'REVEAL')
                        """).param(eventId).query(String.class).list();
        jdbc.sql("DELETE FROM media_keys WHERE event_media_id IN (SELECT id FROM event_media WHERE event_id = ?)")
                .param(eventId).update();
        jdbc.sql("DELETE FROM outcomes WHERE market_id IN (SELECT id FROM markets WHERE event_id = ?)").param(eventId).update();
        jdbc.sql("DELETE FROM markets WHERE event_id = ?").param(eventId).update();
        jdbc.sql("DELETE FROM event_media WHERE event_id = ?").param(eventId).update();
        return tokens;
    }

    boolean hasPredictions(UUID eventId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM bet_intents WHERE event_id = ?)").param(eventId).query(Boolean.class).single();
    }

    Optional<UUID> idBySourceRef(String sourceRef) {
        return jdbc.sql("SELECT id FROM events WHERE source_ref = ?").param(sourceRef).query(UUID.class).optional();
    }

    Optional<EventRow> find(UUID id) {
        return jdbc.sql("SELECT * FROM events WHERE id = ?").param(id).query(Events::eventRow).optional();
    }

    /**
     * The event row, locked until the transaction ends, so status moves on one event run one after another. NO KEY
     * UPDATE: a status is not a key, so rows that refer to the event (predictions) can still be written meanwhile.
     * The lock order is {@link Lifecycle}'s.
     */
    Optional<EventRow> lock(UUID id) {
        return jdbc.sql("SELECT * FROM events WHERE id = ? FOR NO KEY UPDATE").param(id).query(Events::eventRow).optional();
    }

    Optional<EventView.MediaView> media(UUID eventId) {
        return jdbc.sql("SELECT * FROM event_media WHERE event_id = ? AND media_type = 'HLS'").param(eventId)
                .query((rs, n) -> new EventView.MediaView(rs.getObject("id", UUID.class), rs.getString("media_type"),
                        rs.getString("hls_master_url"), rs.getString("poster_url"), (Integer) rs.getObject("duration_ms"),
                        rs.getInt("preview_start_ms"), rs.getInt("preview_end_ms"), rs.getInt("reveal_start_ms"),
                        rs.getInt("reveal_end_ms")))
                .optional();
    }

    List<MarketRow> markets(UUID eventId) {
        return jdbc.sql("SELECT * FROM markets WHERE event_id = ? ORDER BY id").param(eventId).query(Events::marketRow).list();
    }

    Map<UUID, List<OutcomeRow>> outcomes(UUID eventId) {
        Map<UUID, List<OutcomeRow>> byMarket = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT o.* FROM outcomes o JOIN markets m ON m.id = o.market_id
                        WHERE m.event_id = ? ORDER BY o.market_id, o.sort_order, o.outcome_code
                        """)
                .param(eventId)
                .query((rs, n) -> new OutcomeRow(rs.getObject("id", UUID.class), rs.getObject("market_id", UUID.class),
                        rs.getString("outcome_code"), rs.getString("label_key"), rs.getInt("sort_order")))
                .list()
                .forEach(o -> byMarket.computeIfAbsent(o.marketId(), k -> new ArrayList<>()).add(o));
        return byMarket;
    }

    record ListFilter(EventStatus status, SportType sportType, Instant lockFrom, Instant lockTo) {
    }

    /** Events in (lock_at, id) order after the cursor; one more than {@code limit} tells whether a next page exists. */
    List<EventSummary> list(ListFilter f, Cursor after, int limit) {
        return jdbc.sql("""
                        SELECT e.*,
                            (SELECT count(*) FROM markets m WHERE m.event_id = e.id) AS market_count,
                            (SELECT count(*) FROM markets m WHERE m.event_id = e.id AND m.status NOT IN ('SETTLED', 'VOID')) AS unsettled
                        FROM events e
                        WHERE (CAST(:status AS text) IS NULL OR e.status = :status)
                          AND (CAST(:sport AS text) IS NULL OR e.sport_type = :sport)
                          AND (CAST(:lockFrom AS timestamptz) IS NULL OR e.lock_at >= :lockFrom)
                          AND (CAST(:lockTo AS timestamptz) IS NULL OR e.lock_at < :lockTo)
                          AND (CAST(:afterAt AS timestamptz) IS NULL OR (e.lock_at, e.id) > (:afterAt, :afterId))
                        ORDER BY e.lock_at, e.id
                        LIMIT :limit
                        """)
                .param("status", f.status() == null ? null : f.status().name())
                .param("sport", f.sportType() == null ? null : f.sportType().name())
                .param("lockFrom", ts(f.lockFrom())).param("lockTo", ts(f.lockTo()))
                .param("afterAt", after == null ? null : ts(after.at())).param("afterId", after == null ? null : after.id())
                .param("limit", limit)
                .query((rs, n) -> summary(rs))
                .list();
    }

    /** Events past settle_at that still have markets neither settled nor void. */
    List<EventSummary> overdue(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT e.*,
                            (SELECT count(*) FROM markets m WHERE m.event_id = e.id) AS market_count,
                            (SELECT count(*) FROM markets m WHERE m.event_id = e.id AND m.status NOT IN ('SETTLED', 'VOID')) AS unsettled
                        FROM events e
                        WHERE e.settle_at < ? AND e.status IN ('OPEN', 'LOCKED')
                          AND EXISTS (SELECT 1 FROM markets m WHERE m.event_id = e.id AND m.status NOT IN ('SETTLED', 'VOID'))
                        ORDER BY e.settle_at, e.id
                        LIMIT ?
                        """)
                .params(ts(now), limit).query((rs, n) -> summary(rs)).list();
    }

    long countOverdue(Instant now) {
        return jdbc.sql("""
                        SELECT count(*) FROM events e
                        WHERE e.settle_at < ? AND e.status IN ('OPEN', 'LOCKED')
                          AND EXISTS (SELECT 1 FROM markets m WHERE m.event_id = e.id AND m.status NOT IN ('SETTLED', 'VOID'))
                        """)
                .param(ts(now)).query(Long.class).single();
    }

    void setStatus(UUID id, EventStatus status) {
        jdbc.sql("UPDATE events SET status = ? WHERE id = ?").params(status.name(), id).update();
    }

    /**
     * Flips due OPEN events to LOCKED. {@code SKIP LOCKED} lets several instances run this at once: a row being
     * flipped by one is skipped by the others, and the status re-check means a row flips only once.
     */
    List<UUID> lockDue(Instant now, int batch) {
        return jdbc.sql("""
                        UPDATE events SET status = 'LOCKED'
                        WHERE id IN (SELECT id FROM events WHERE status = 'OPEN' AND lock_at <= ?
                                     ORDER BY lock_at LIMIT ? FOR NO KEY UPDATE SKIP LOCKED)
                          AND status = 'OPEN'
                        RETURNING id
                        """)
                .params(ts(now), batch).query(UUID.class).list();
    }

    private static EventSummary summary(ResultSet rs) throws SQLException {
        EventRow e = eventRow(rs, 0);
        return new EventSummary(e.id(), e.sourceRef(), e.sportType(), e.titleEn(), e.titleSv(), e.status(), e.lockAt(),
                e.settleAt(), rs.getInt("market_count"), rs.getInt("unsettled"));
    }

    private static EventRow eventRow(ResultSet rs, int n) throws SQLException {
        return new EventRow(rs.getObject("id", UUID.class), rs.getString("source_ref"), SportType.valueOf(rs.getString("sport_type")),
                rs.getString("title_en"), rs.getString("title_sv"), EventStatus.valueOf(rs.getString("status")),
                rs.getInt("preview_start_ms"), rs.getInt("preview_end_ms"), rs.getInt("reveal_start_ms"),
                rs.getInt("reveal_end_ms"), rs.getTimestamp("lock_at").toInstant(), rs.getTimestamp("settle_at").toInstant());
    }

    static MarketRow marketRow(ResultSet rs, int n) throws SQLException {
        return new MarketRow(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class), rs.getString("question_key"),
                MarketType.valueOf(rs.getString("market_type")), MarketStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("lock_at").toInstant(), rs.getString("settlement_rule_key"));
    }

    /** PostgreSQL keeps microseconds; truncating here (as drafts do) keeps stored values and filters comparable. */
    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }
}
