package dev.reveal.odds;

import dev.reveal.platform.Ids;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OddsVersions {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    OddsVersions(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Versions and their prices of the given markets. */
    void deleteAll(Collection<UUID> marketIds) {
        if (marketIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        DELETE FROM outcome_odds WHERE odds_version_id IN
                            (SELECT id FROM odds_versions WHERE market_id IN (:markets))
                        """)
                .param("markets", marketIds).update();
        jdbc.sql("DELETE FROM odds_versions WHERE market_id IN (:markets)").param("markets", marketIds).update();
    }

    /**
     * Moves is_current to a new version numbered previous + 1. The caller holds the market row lock; the partial
     * unique index odds_versions_one_current_uk and odds_versions_market_version_uk back that up.
     */
    PublishedVersion insertCurrent(UUID marketId, Map<UUID, Odds> odds, Instant now) {
        jdbc.sql("UPDATE odds_versions SET is_current = false WHERE market_id = ? AND is_current").param(marketId).update();
        UUID versionId = Ids.newId();
        int versionNo = jdbc.sql("""
                        INSERT INTO odds_versions (id, market_id, version_no, created_at, is_current)
                        SELECT ?, ?, coalesce(max(version_no), 0) + 1, ?, true FROM odds_versions WHERE market_id = ?
                        RETURNING version_no
                        """)
                .params(versionId, marketId, Timestamp.from(now), marketId).query(Integer.class).single();
        List<Object[]> rows = new ArrayList<>();
        odds.forEach((outcomeId, o) -> rows.add(new Object[] {Ids.newId(), versionId, outcomeId, o.decimal(), o.num(), o.den()}));
        template.batchUpdate("""
                INSERT INTO outcome_odds (id, odds_version_id, outcome_id, decimal_odds, fractional_num, fractional_den)
                VALUES (?, ?, ?, ?, ?, ?)
                """, rows);
        return new PublishedVersion(versionId, versionNo);
    }

    record PublishedVersion(UUID id, int versionNo) {
    }

    /** Versions of the given markets, newest first, each with its prices in outcome order. */
    List<OddsVersionView> versions(Collection<UUID> marketIds, boolean currentOnly, boolean firstOnly) {
        if (marketIds.isEmpty()) {
            return List.of();
        }
        record Row(UUID versionId, UUID marketId, int versionNo, Instant createdAt, boolean current, UUID outcomeId,
                   String code, java.math.BigDecimal decimal, int num, int den) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT v.id, v.market_id, v.version_no, v.created_at, v.is_current, o.id AS outcome_id, o.outcome_code,
                               oo.decimal_odds, oo.fractional_num, oo.fractional_den
                        FROM odds_versions v
                        JOIN outcome_odds oo ON oo.odds_version_id = v.id
                        JOIN outcomes o ON o.id = oo.outcome_id
                        WHERE v.market_id IN (:markets)
                          AND (:currentOnly = false OR v.is_current)
                          AND (:firstOnly = false OR v.version_no = 1)
                        ORDER BY v.market_id, v.version_no DESC, o.sort_order, o.outcome_code
                        """)
                .param("markets", marketIds).param("currentOnly", currentOnly).param("firstOnly", firstOnly)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getObject("market_id", UUID.class),
                        rs.getInt("version_no"), rs.getTimestamp("created_at").toInstant(), rs.getBoolean("is_current"),
                        rs.getObject("outcome_id", UUID.class), rs.getString("outcome_code"), rs.getBigDecimal("decimal_odds"),
                        rs.getInt("fractional_num"), rs.getInt("fractional_den")))
                .list();
        Map<UUID, OddsVersionView> byVersion = new LinkedHashMap<>();
        for (Row r : rows) {
            byVersion.computeIfAbsent(r.versionId(), id -> new OddsVersionView(id, r.marketId(), r.versionNo(),
                            r.createdAt(), r.current(), new ArrayList<>()))
                    .prices().add(new OddsVersionView.Price(r.outcomeId(), r.code(), r.decimal(), r.num() + "/" + r.den()));
        }
        return new ArrayList<>(byVersion.values());
    }
}
