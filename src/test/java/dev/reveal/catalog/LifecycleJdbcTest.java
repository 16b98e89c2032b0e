package dev.reveal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reveal.audit.AuditLog;
import dev.reveal.platform.Refusal;
import dev.reveal.support.SliceDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.context.jdbc.Sql;

/** The one write path of statuses, on the real database with the market fixture; each test rolls back. */
@JdbcTest
@SliceDatabase
@Sql("/fixtures/market.sql")
@RecordApplicationEvents
@Import({Lifecycle.class, Events.class, Markets.class, LifecycleJdbcTest.Audit.class})
class LifecycleJdbcTest {

    static final UUID EVENT = UUID.fromString("00000000-0000-7000-8000-0000000000e0");
    static final UUID PAST_LOCK = UUID.fromString("00000000-0000-7000-8000-0000000000a1");
    static final UUID FUTURE_LOCK = UUID.fromString("00000000-0000-7000-8000-0000000000a2");

    /** The audit trail (its rows are written at commit, which a rolled-back slice never reaches) and a clock. */
    @TestConfiguration(proxyBeanMethods = false)
    @ComponentScan(basePackageClasses = AuditLog.class, useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.reveal\\.audit\\.Audit(Log|Chain)"))
    static class Audit {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @Autowired
    Lifecycle lifecycle;

    @Autowired
    Markets markets;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEvents facts;

    @Test
    void settlingAnOpenMarketPastItsLockIsLockedToSettledWithTheLockImplied() {
        Lifecycle.LockedMarket market = lifecycle.lockMarket(PAST_LOCK).orElseThrow();
        assertThat(market.status()).isEqualTo(MarketStatus.OPEN);
        assertThat(market.statusAt(Instant.now())).isEqualTo(MarketStatus.LOCKED);

        MarketTransition t = lifecycle.settle(market, Instant.now());

        assertThat(t).isEqualTo(new MarketTransition(PAST_LOCK, EVENT, MarketStatus.OPEN, MarketStatus.SETTLED, true));
        assertThat(status("markets", PAST_LOCK)).isEqualTo("SETTLED");
        assertThat(facts.stream(MarketStatusChanged.class))
                .containsExactly(new MarketStatusChanged(PAST_LOCK, EVENT, MarketStatus.OPEN, MarketStatus.SETTLED));
    }

    @Test
    void aMarketBeforeItsLockIsNotSettledAndNothingIsWritten() {
        Lifecycle.LockedMarket market = lifecycle.lockMarket(FUTURE_LOCK).orElseThrow();

        Refusal refusal = catchThrowableOfType(Refusal.class, () -> lifecycle.settle(market, Instant.now()));

        assertThat(refusal.code()).isEqualTo("INVALID_STATUS_TRANSITION");
        assertThat(status("markets", FUTURE_LOCK)).isEqualTo("OPEN");
        assertThat(facts.stream(MarketStatusChanged.class)).isEmpty();
    }

    @Test
    void theEventSettlesWithItsLastClosedMarketOnlyOnceItHasLocked() {
        lifecycle.settle(lifecycle.lockMarket(PAST_LOCK).orElseThrow(), Instant.now());
        Lifecycle.LockedMarket other = lifecycle.lockMarket(FUTURE_LOCK).orElseThrow();
        lifecycle.move(other, MarketStatus.VOID, "void");

        // every market closed, but the event's own lock time (2099) has not passed
        assertThat(lifecycle.settleEventIfFinished(other.event(), Instant.now())).isEqualTo(EventStatus.OPEN);
        assertThat(status("events", EVENT)).isEqualTo("OPEN");

        assertThat(lifecycle.settleEventIfFinished(other.event(), Instant.parse("2099-01-01T12:00:00Z")))
                .isEqualTo(EventStatus.SETTLED);
        assertThat(status("events", EVENT)).isEqualTo("SETTLED");
        assertThat(facts.stream(EventStatusChanged.class))
                .containsExactly(new EventStatusChanged(EVENT, EventStatus.OPEN, EventStatus.SETTLED));
    }

    @Test
    void operatorMovesFollowTheStateMachine() {
        Lifecycle.LockedMarket market = lifecycle.lockMarket(FUTURE_LOCK).orElseThrow();
        assertThat(lifecycle.move(market, MarketStatus.SUSPENDED, "suspend").to()).isEqualTo(MarketStatus.SUSPENDED);

        Lifecycle.LockedMarket suspended = lifecycle.lockMarket(FUTURE_LOCK).orElseThrow();
        Refusal refusal = catchThrowableOfType(Refusal.class, () -> lifecycle.move(suspended, MarketStatus.SETTLED, "settle"));
        assertThat(refusal.code()).isEqualTo("INVALID_STATUS_TRANSITION");
        assertThat(lifecycle.lockMarket(UUID.randomUUID())).isEmpty();
    }

    @Test
    void theJobFlipsADueMarketOnce() {
        Instant now = Instant.now();
        assertThat(markets.lockDue(now, 10_000)).filteredOn(f -> f.eventId().equals(EVENT))
                .containsExactly(new Markets.Flip(PAST_LOCK, EVENT, MarketStatus.OPEN));
        assertThat(markets.lockDue(now, 10_000)).filteredOn(f -> f.eventId().equals(EVENT)).isEmpty();
        assertThat(status("markets", FUTURE_LOCK)).isEqualTo("OPEN");
    }

    private String status(String table, UUID id) {
        return jdbc.queryForObject("SELECT status FROM " + table + " WHERE id = ?", String.class, id);
    }
}
