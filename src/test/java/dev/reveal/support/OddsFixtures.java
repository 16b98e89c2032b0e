package dev.reveal.support;

import dev.reveal.platform.Ids;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Odds publishes done by SQL (the operator API is built elsewhere): flip is_current, insert the next version. */
public final class OddsFixtures {

    private OddsFixtures() {
    }

    /** Publishes the next version of a fixture YES/NO market; fractions are written as hundredths (not reduced). */
    public static UUID publish(JdbcTemplate jdbc, Fixtures.OpenMarket market, String yesDecimal, String noDecimal) {
        Integer next = jdbc.queryForObject("SELECT max(version_no) + 1 FROM odds_versions WHERE market_id = ?",
                Integer.class, market.marketId());
        jdbc.update("UPDATE odds_versions SET is_current = false WHERE market_id = ? AND is_current", market.marketId());
        return insertCurrent(jdbc, market, next, yesDecimal, noDecimal);
    }

    /** Inserts version {@code versionNo} as current; the caller has already retired the previous one. */
    public static UUID insertCurrent(JdbcTemplate jdbc, Fixtures.OpenMarket market, int versionNo, String yesDecimal,
            String noDecimal) {
        UUID version = Ids.newId();
        jdbc.update("INSERT INTO odds_versions (id, market_id, version_no, created_at, is_current) VALUES (?, ?, ?, now(), true)",
                version, market.marketId(), versionNo);
        odds(jdbc, version, market.yesOutcomeId(), yesDecimal);
        odds(jdbc, version, market.noOutcomeId(), noDecimal);
        return version;
    }

    private static void odds(JdbcTemplate jdbc, UUID version, UUID outcome, String decimal) {
        int num = new BigDecimal(decimal).subtract(BigDecimal.ONE).movePointRight(2).intValueExact();
        jdbc.update("INSERT INTO outcome_odds (id, odds_version_id, outcome_id, decimal_odds, fractional_num, fractional_den) "
                + "VALUES (?, ?, ?, ?, ?, 100)", Ids.newId(), version, outcome, new BigDecimal(decimal), num);
    }
}
