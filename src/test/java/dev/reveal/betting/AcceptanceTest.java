package dev.reveal.betting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.MarketStatus;
import dev.reveal.support.Gen;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The acceptance codes of product.md, one by one and in their order (first failure wins). */
class AcceptanceTest {

    private static final Instant LOCK = Instant.parse("2026-05-01T12:00:00Z");
    private static final UUID V1 = UUID.randomUUID();
    private static final UUID V2 = UUID.randomUUID();

    /** Everything fine: an open market before its lock, the odds the player saw are current. */
    private static Builder ok() {
        return new Builder();
    }

    @Test
    void acceptsWhenEveryCheckPasses() {
        assertThat(ok().decide()).isEqualTo(AcceptanceCode.ACCEPTED);
    }

    @Test
    void sessionEndedWinsOverEverythingElse() {
        Builder all = ok().sessionEnded().market(MarketStatus.LOCKED).received(LOCK.plusSeconds(5)).seen(V1, "2.00")
                .current(V2, "1.50").alreadyPredicted();
        assertThat(all.decide()).isEqualTo(AcceptanceCode.SESSION_ENDED);
    }

    @ParameterizedTest
    @EnumSource(value = MarketStatus.class, names = {"DRAFT", "SUSPENDED", "SETTLED", "VOID"})
    void marketNotOpenBeforeLockAndOdds(MarketStatus status) {
        assertThat(ok().market(status).received(LOCK.plusSeconds(1)).seen(V1, "2.00").current(V2, "1.50")
                .alreadyPredicted().decide()).isEqualTo(AcceptanceCode.MARKET_NOT_OPEN);
    }

    @ParameterizedTest
    @EnumSource(value = EventStatus.class, names = {"DRAFT", "SETTLED", "CANCELLED"})
    void eventNotOpenIsMarketNotOpen(EventStatus status) {
        assertThat(ok().event(status).decide()).isEqualTo(AcceptanceCode.MARKET_NOT_OPEN);
    }

    @Test
    void lockedByTimeStatusOrEventBeforeOddsAndDuplicates() {
        assertThat(ok().received(LOCK).decide()).as("exactly at lock_at").isEqualTo(AcceptanceCode.MARKET_LOCKED);
        assertThat(ok().received(LOCK.minusNanos(1000)).decide()).as("1 µs before").isEqualTo(AcceptanceCode.ACCEPTED);
        assertThat(ok().market(MarketStatus.LOCKED).received(LOCK.minusSeconds(60)).decide())
                .isEqualTo(AcceptanceCode.MARKET_LOCKED);
        assertThat(ok().event(EventStatus.LOCKED).decide()).isEqualTo(AcceptanceCode.MARKET_LOCKED);
        assertThat(ok().received(LOCK.plusSeconds(1)).seen(V1, "2.00").current(V2, "1.50").alreadyPredicted().decide())
                .isEqualTo(AcceptanceCode.MARKET_LOCKED);
    }

    @Test
    void oddsChangedFollowsTheAcceptOddsPolicy() {
        Builder shorter = ok().seen(V1, "2.00").current(V2, "1.50");
        Builder same = ok().seen(V1, "2.00").current(V2, "2.0000");
        Builder longer = ok().seen(V1, "2.00").current(V2, "2.50");
        assertThat(shorter.policy(AcceptOdds.EXACT).decide()).isEqualTo(AcceptanceCode.ODDS_CHANGED);
        assertThat(longer.policy(AcceptOdds.EXACT).decide()).isEqualTo(AcceptanceCode.ODDS_CHANGED);
        assertThat(shorter.policy(AcceptOdds.HIGHER).decide()).isEqualTo(AcceptanceCode.ODDS_CHANGED);
        assertThat(same.policy(AcceptOdds.HIGHER).decide()).isEqualTo(AcceptanceCode.ACCEPTED);
        assertThat(longer.policy(AcceptOdds.HIGHER).decide()).isEqualTo(AcceptanceCode.ACCEPTED);
        assertThat(shorter.policy(AcceptOdds.ANY).decide()).isEqualTo(AcceptanceCode.ACCEPTED);
        assertThat(shorter.policy(AcceptOdds.EXACT).alreadyPredicted().decide())
                .as("odds are checked before duplicates").isEqualTo(AcceptanceCode.ODDS_CHANGED);
    }

    @Test
    void alreadyPredictedLast() {
        assertThat(ok().alreadyPredicted().decide()).isEqualTo(AcceptanceCode.ALREADY_PREDICTED);
        assertThat(ok().seen(V1, "2.00").current(V2, "1.50").policy(AcceptOdds.ANY).alreadyPredicted().decide())
                .isEqualTo(AcceptanceCode.ALREADY_PREDICTED);
    }

    @Test
    void neverAcceptsAtOrAfterLockTime() {
        Gen.forAll(1000, g -> neverAccepted(g.bool(), g.oneOf(MarketStatus.class), g.oneOf(EventStatus.class),
                g.oneOf(AcceptOdds.class), g.bool(), g.anyLong()));
    }

    private static void neverAccepted(boolean ended, MarketStatus market, EventStatus event, AcceptOdds policy,
            boolean already, long offsetMicros) {
        Instant received = LOCK.plusNanos(Math.floorMod(offsetMicros, 10_000_000_000L) * 1000);
        Builder b = ok().market(market).event(event).received(received).policy(policy).seen(V1, "2.00").current(V2, "3.00");
        if (ended) {
            b.sessionEnded();
        }
        if (already) {
            b.alreadyPredicted();
        }
        assertThat(b.decide()).isNotEqualTo(AcceptanceCode.ACCEPTED);
    }

    private static final class Builder {
        boolean ended;
        MarketStatus market = MarketStatus.OPEN;
        EventStatus event = EventStatus.OPEN;
        Instant received = LOCK.minusSeconds(30);
        UUID seen = V1;
        UUID current = V1;
        BigDecimal seenOdds = new BigDecimal("2.00");
        BigDecimal currentOdds = new BigDecimal("2.00");
        AcceptOdds policy = AcceptOdds.EXACT;
        boolean already;

        Builder sessionEnded() { ended = true; return this; }
        Builder market(MarketStatus s) { market = s; return this; }
        Builder event(EventStatus s) { event = s; return this; }
        Builder received(Instant at) { received = at; return this; }
        Builder seen(UUID v, String odds) { seen = v; seenOdds = new BigDecimal(odds); return this; }
        Builder current(UUID v, String odds) { current = v; currentOdds = new BigDecimal(odds); return this; }
        Builder policy(AcceptOdds p) { policy = p; return this; }
        Builder alreadyPredicted() { already = true; return this; }

        AcceptanceCode decide() {
            return Acceptance.decide(new Acceptance.Facts(ended, market, event, LOCK, received, seen, current, seenOdds,
                    currentOdds, policy, already));
        }
    }
}
