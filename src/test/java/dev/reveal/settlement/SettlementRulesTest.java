package dev.reveal.settlement;

import static dev.reveal.settlement.SettlementRules.SettleVerdict.CONFLICT;
import static dev.reveal.settlement.SettlementRules.SettleVerdict.CORRECT;
import static dev.reveal.settlement.SettlementRules.SettleVerdict.NOT_LOCKED;
import static dev.reveal.settlement.SettlementRules.SettleVerdict.NOT_SETTLEABLE;
import static dev.reveal.settlement.SettlementRules.SettleVerdict.SETTLE;
import static dev.reveal.settlement.SettlementRules.SettleVerdict.UNCHANGED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.catalog.MarketStatus;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettlementRulesTest {

    private final UUID yes = UUID.randomUUID();
    private final UUID no = UUID.randomUUID();

    @Test
    void aMarketIsSettledOnceLockedByStatusOrByTime() {
        assertThat(SettlementRules.settle(MarketStatus.LOCKED, false, Optional.empty(), yes, false)).isEqualTo(SETTLE);
        assertThat(SettlementRules.settle(MarketStatus.OPEN, true, Optional.empty(), yes, false)).isEqualTo(SETTLE);
        assertThat(SettlementRules.settle(MarketStatus.SUSPENDED, true, Optional.empty(), yes, false)).isEqualTo(SETTLE);
        assertThat(SettlementRules.settle(MarketStatus.OPEN, false, Optional.empty(), yes, false)).isEqualTo(NOT_LOCKED);
        assertThat(SettlementRules.settle(MarketStatus.SUSPENDED, false, Optional.empty(), yes, true)).isEqualTo(NOT_LOCKED);
    }

    @Test
    void aSettledMarketKeepsItsResultUnlessCorrected() {
        assertThat(SettlementRules.settle(MarketStatus.SETTLED, true, Optional.of(yes), yes, false)).isEqualTo(UNCHANGED);
        assertThat(SettlementRules.settle(MarketStatus.SETTLED, true, Optional.of(yes), yes, true)).isEqualTo(UNCHANGED);
        assertThat(SettlementRules.settle(MarketStatus.SETTLED, true, Optional.of(yes), no, false)).isEqualTo(CONFLICT);
        assertThat(SettlementRules.settle(MarketStatus.SETTLED, true, Optional.of(yes), no, true)).isEqualTo(CORRECT);
    }

    @ParameterizedTest
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void draftAndVoidMarketsAreNeverSettled(boolean lockPassed, boolean correction) {
        for (MarketStatus status : new MarketStatus[] {MarketStatus.DRAFT, MarketStatus.VOID}) {
            assertThat(SettlementRules.settle(status, lockPassed, Optional.empty(), yes, correction)).isEqualTo(NOT_SETTLEABLE);
        }
    }

    @Test
    void everyUnclosedMarketCanBeVoidedButASettledOneCannot() {
        for (MarketStatus status : MarketStatus.values()) {
            SettlementRules.VoidVerdict expected = switch (status) {
                case VOID -> SettlementRules.VoidVerdict.UNCHANGED;
                case SETTLED -> SettlementRules.VoidVerdict.NOT_VOIDABLE;
                default -> SettlementRules.VoidVerdict.VOID;
            };
            assertThat(SettlementRules.voidMarket(status)).as(status.name()).isEqualTo(expected);
        }
    }
}
