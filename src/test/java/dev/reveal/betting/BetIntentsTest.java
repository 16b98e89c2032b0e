package dev.reveal.betting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.betting.BetIntents.Locking;
import dev.reveal.betting.BetIntents.MarketState;
import dev.reveal.betting.BetIntents.UserKey;
import dev.reveal.catalog.MarketStatus;
import dev.reveal.platform.Ids;
import dev.reveal.support.SliceDatabase;
import dev.reveal.support.Fixtures;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Betting's SQL on the real PostgreSQL, each test in a transaction rolled back: the unique keys decide what a batch
 * insert stores, and the batch reads answer per position.
 */
@JdbcTest
@SliceDatabase
@Import({BetIntents.class, IntentHistory.class})
class BetIntentsTest {

    @Autowired
    private BetIntents intents;

    @Autowired
    private IntentHistory history;

    @Autowired
    private JdbcTemplate jdbc;

    private Fixtures.OpenMarket market;
    private Fixtures.Player player;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @BeforeEach
    void content() {
        market = Fixtures.openMarket(jdbc, now.plusSeconds(600));
        player = Fixtures.player(jdbc, "jdbc-slice-" + UUID.randomUUID(), "control");
    }

    private NewIntent row(String key, AcceptanceCode code) {
        return new NewIntent(Ids.newId(), player.userId(), player.sessionId(), market.eventId(), market.marketId(),
                market.yesOutcomeId(), key, now, now, code, code.accepted() ? market.oddsVersionId() : null,
                market.oddsVersionId(), AcceptOdds.EXACT);
    }

    @Test
    void aBatchStoresTheFirstRowOfEachKeyAndOneAcceptedPerMarket() {
        NewIntent first = row("k1", AcceptanceCode.ACCEPTED);
        NewIntent sameKey = row("k1", AcceptanceCode.ACCEPTED);
        NewIntent secondAccepted = row("k2", AcceptanceCode.ACCEPTED);
        NewIntent refused = row("k3", AcceptanceCode.ODDS_CHANGED);

        Map<UUID, StoredIntent> stored = intents.insertAll(List.of(first, sameKey, secondAccepted, refused));

        assertThat(stored.keySet()).containsExactlyInAnyOrder(first.id(), refused.id());
        assertThat(stored.get(first.id()).acceptedDecimalOdds()).isEqualByComparingTo("1.80");
        assertThat(stored.get(refused.id()).acceptedDecimalOdds()).isNull();
        assertThat(intents.insertAll(List.of(secondAccepted.asAlreadyPredicted()))).containsKey(secondAccepted.id());
    }

    @Test
    void earlierIntentsAreFoundByPlayerAndKeyIncludingThisTransactionsOwn() {
        NewIntent stored = row("found", AcceptanceCode.ACCEPTED);
        intents.insertAll(List.of(stored));

        Map<UserKey, StoredIntent> found = intents.byKeys(List.of(new UserKey(player.userId(), "found"),
                new UserKey(player.userId(), "missing"), new UserKey(UUID.randomUUID(), "found")));

        assertThat(found).containsOnlyKeys(new UserKey(player.userId(), "found"));
        assertThat(found.get(new UserKey(player.userId(), "found")).id()).isEqualTo(stored.id());
    }

    @Test
    void marketStatesAnswerByPositionAndLeaveOutMarketsWithoutCurrentOdds() {
        Fixtures.OpenMarket other = Fixtures.openMarket(jdbc, now.plusSeconds(60));
        jdbc.update("UPDATE markets SET status = 'SUSPENDED' WHERE id = ?", other.marketId());
        intents.insertAll(List.of(row("accepted", AcceptanceCode.ACCEPTED)));

        Map<Integer, MarketState> states = intents.lockMarkets(List.of(
                new Locking(UUID.randomUUID(), player.userId(), market.yesOutcomeId(), market.oddsVersionId()),
                new Locking(market.marketId(), player.userId(), market.yesOutcomeId(), market.oddsVersionId()),
                new Locking(other.marketId(), player.userId(), other.noOutcomeId(), other.oddsVersionId())));

        assertThat(states).containsOnlyKeys(1, 2);
        assertThat(states.get(1).alreadyPredicted()).isTrue();
        assertThat(states.get(1).currentVersionId()).isEqualTo(market.oddsVersionId());
        assertThat(states.get(1).currentOdds()).isEqualByComparingTo(new BigDecimal("1.80"));
        assertThat(states.get(2).marketStatus()).isEqualTo(MarketStatus.SUSPENDED);
        assertThat(states.get(2).alreadyPredicted()).isFalse();
        assertThat(states.get(2).seenOdds()).isEqualByComparingTo(new BigDecimal("2.00"));
    }

    @Test
    void referencesAreNullWhereTheRowsDoNotExist() {
        assertThat(intents.references(market.marketId(), market.noOutcomeId(), market.oddsVersionId()))
                .isEqualTo(new BetIntents.References(market.eventId(), market.marketId(), market.marketId()));
        assertThat(intents.references(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()))
                .isEqualTo(new BetIntents.References(null, null, null));
    }

    @Test
    void historyPagesNewestFirstAndAnotherPlayersIntentIsNotFound() {
        NewIntent older = row("older", AcceptanceCode.ACCEPTED);
        NewIntent newer = new NewIntent(Ids.newId(), player.userId(), player.sessionId(), market.eventId(),
                market.marketId(), market.noOutcomeId(), "newer", now, now.plusMillis(1), AcceptanceCode.ALREADY_PREDICTED,
                null, market.oddsVersionId(), AcceptOdds.EXACT);
        intents.insertAll(List.of(older, newer));

        List<StoredIntent> page = history.page(player.userId(), null, null, 1);
        assertThat(page).extracting(StoredIntent::id).containsExactly(newer.id());
        assertThat(page.get(0).result()).as("a refused intent has no result").isNull();
        assertThat(history.page(player.userId(), market.eventId(),
                new dev.reveal.platform.Cursor(newer.serverReceivedAt(), newer.id()), 5))
                .extracting(StoredIntent::id, StoredIntent::result).containsExactly(org.assertj.core.groups.Tuple.tuple(older.id(), "PENDING"));
        assertThat(history.findOwned(older.id(), player.userId())).isPresent();
        assertThat(history.findOwned(older.id(), UUID.randomUUID())).isEmpty();
    }
}
