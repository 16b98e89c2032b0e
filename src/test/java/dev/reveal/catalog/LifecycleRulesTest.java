package dev.reveal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The catalog's state machines: the lock time locks, settling goes from LOCKED, and the one meaning of "open". */
class LifecycleRulesTest {

    @Test
    void pastItsLockTimeAnOpenOrSuspendedMarketIsLockedSoItCanBeSettled() {
        for (MarketStatus status : MarketStatus.values()) {
            MarketStatus after = status.at(true);
            boolean wasTakingPredictions = status == MarketStatus.OPEN || status == MarketStatus.SUSPENDED;
            assertThat(after).as(status.name()).isEqualTo(wasTakingPredictions ? MarketStatus.LOCKED : status);
            assertThat(status.at(false)).isEqualTo(status);
        }
        assertThat(MarketStatus.OPEN.canBecome(MarketStatus.SETTLED)).isFalse();
        assertThat(MarketStatus.OPEN.at(true).canBecome(MarketStatus.SETTLED)).isTrue();
        assertThat(MarketStatus.OPEN.at(false).canBecome(MarketStatus.SETTLED)).isFalse();
    }

    /** Every combination: each status, lock passed or not, 0..3 closed and unclosed markets. */
    @Test
    void anEventIsFinishedOnlyWhenLockedAndEveryMarketIsClosed() {
        for (EventStatus status : EventStatus.values()) {
            for (boolean lockPassed : new boolean[] {false, true}) {
                for (long closed = 0; closed <= 3; closed++) {
                    for (long unclosed = 0; unclosed <= 3; unclosed++) {
                        boolean finished = status.isFinished(lockPassed, closed, unclosed);
                        boolean locked = status == EventStatus.LOCKED || (status == EventStatus.OPEN && lockPassed);
                        assertThat(finished).as("%s %s %d %d", status, lockPassed, closed, unclosed)
                                .isEqualTo(locked && unclosed == 0 && closed > 0);
                    }
                }
            }
        }
    }

    /** Betting's acceptance order: not open first, then locked (by status or by time). */
    @Test
    void opennessIsNotOpenThenLockedThenOpen() {
        Instant lockAt = Instant.parse("2026-12-02T12:00:00Z");
        Instant before = lockAt.minusSeconds(1);
        for (MarketStatus m : MarketStatus.values()) {
            for (EventStatus e : EventStatus.values()) {
                for (Instant at : new Instant[] {before, lockAt}) {
                    boolean notOpen = (m != MarketStatus.OPEN && m != MarketStatus.LOCKED)
                            || (e != EventStatus.OPEN && e != EventStatus.LOCKED);
                    boolean locked = m == MarketStatus.LOCKED || e == EventStatus.LOCKED || !at.isBefore(lockAt);
                    Openness expected = notOpen ? Openness.NOT_OPEN : locked ? Openness.LOCKED : Openness.OPEN;
                    assertThat(Openness.of(m, e, lockAt, at)).as("%s %s %s", m, e, at).isEqualTo(expected);
                }
            }
        }
    }
}
