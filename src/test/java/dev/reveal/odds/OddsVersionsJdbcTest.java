package dev.reveal.odds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.SliceDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.jdbc.Sql;

/** Odds versions on the real database with the market fixture (version 1 current on market ...0a1). */
@JdbcTest
@SliceDatabase
@Sql("/fixtures/market.sql")
@Import(OddsVersions.class)
class OddsVersionsJdbcTest {

    static final UUID MARKET = UUID.fromString("00000000-0000-7000-8000-0000000000a1");
    static final UUID YES = UUID.fromString("00000000-0000-7000-8000-0000000000b1");
    static final UUID NO = UUID.fromString("00000000-0000-7000-8000-0000000000b2");

    @Autowired
    OddsVersions versions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aNewVersionIsNumberedNextAndIsTheOnlyCurrentOne() {
        Map<UUID, Odds> prices = new LinkedHashMap<>();
        prices.put(YES, new Odds(new BigDecimal("1.60"), 3, 5));
        prices.put(NO, new Odds(new BigDecimal("2.50"), 3, 2));

        OddsVersions.PublishedVersion v2 = versions.insertCurrent(MARKET, prices, Instant.now());

        assertThat(v2.versionNo()).isEqualTo(2);
        List<OddsVersionView> current = versions.versions(List.of(MARKET), true, false);
        assertThat(current).singleElement().satisfies(v -> {
            assertThat(v.id()).isEqualTo(v2.id());
            assertThat(v.prices()).extracting(OddsVersionView.Price::outcomeCode).containsExactly("YES", "NO");
            assertThat(v.prices()).extracting(OddsVersionView.Price::fractionalOdds).containsExactly("3/5", "3/2");
        });
        assertThat(versions.versions(List.of(MARKET), false, true)).singleElement()
                .satisfies(v -> assertThat(v.versionNo()).isEqualTo(1));
        assertThat(versions.versions(List.of(MARKET), false, false)).extracting(OddsVersionView::versionNo)
                .containsExactly(2, 1);
    }

    @Test
    void discardingAMarketsOddsRemovesEveryVersionAndPrice() {
        versions.deleteAll(List.of(MARKET));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM odds_versions WHERE market_id = ?", Long.class, MARKET)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outcome_odds WHERE outcome_id IN (?, ?)", Long.class, YES, NO))
                .isZero();
        versions.deleteAll(List.of());
    }
}
