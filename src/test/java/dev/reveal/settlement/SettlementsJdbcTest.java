package dev.reveal.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.SliceDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.jdbc.Sql;

/** The settlement row on the real database with the market fixture; each test rolls back. */
@JdbcTest
@SliceDatabase
@Sql("/fixtures/market.sql")
@Import(Settlements.class)
class SettlementsJdbcTest {

    static final UUID MARKET = UUID.fromString("00000000-0000-7000-8000-0000000000a1");
    static final UUID YES = UUID.fromString("00000000-0000-7000-8000-0000000000b1");
    static final UUID NO = UUID.fromString("00000000-0000-7000-8000-0000000000b2");
    static final UUID OTHER_MARKETS_YES = UUID.fromString("00000000-0000-7000-8000-0000000000b3");

    @Autowired
    Settlements settlements;

    @Test
    void aMarketHasOneSettlementAndACorrectionKeepsWhenItSettled() {
        Instant settledAt = Instant.now().truncatedTo(ChronoUnit.MICROS);

        assertThat(settlements.insertSettlement(UUID.randomUUID(), MARKET, settledAt, YES)).isTrue();
        assertThat(settlements.insertSettlement(UUID.randomUUID(), MARKET, settledAt.plusSeconds(1), NO)).isFalse();
        settlements.replaceWinner(MARKET, NO);

        assertThat(settlements.settlementOf(MARKET)).hasValue(new Settlements.SettlementRow(NO, "NO", settledAt));
    }

    @Test
    void theWinnerIsFoundOnlyAmongTheMarketsOwnOutcomes() {
        assertThat(settlements.outcomeByCode(MARKET, "YES")).hasValue(new Settlements.OutcomeRow(YES, "YES"));
        assertThat(settlements.outcomeById(MARKET, OTHER_MARKETS_YES)).isEmpty();
        assertThat(settlements.outcomeByCode(MARKET, "MAYBE")).isEmpty();
        assertThat(settlements.settlementOf(MARKET)).isEmpty();
    }
}
