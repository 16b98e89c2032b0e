package dev.reveal.support;

import dev.reveal.platform.Ids;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows for report tests written straight by SQL: sessions at chosen times, analytics events, many markets at once,
 * bet intents and settlements. Every call makes fresh rows, so tests sharing the database never collide.
 */
public final class AnalyticsFixtures {

    private AnalyticsFixtures() {
    }

    /** One market of {@link #markets}: YES and NO outcomes and a current odds version. */
    public record Market(UUID eventId, UUID marketId, UUID yesOutcomeId, UUID noOutcomeId, UUID oddsVersionId) {
    }

    /** A lowercase suffix that keeps names (event types, variants, refs) unique per call. */
    public static String suffix() {
        return Long.toHexString(Ids.newId().getLeastSignificantBits() & 0xffffffffffL);
    }

    /** A user (created on first sight of the ref) with a session started (and optionally ended) at the given times. */
    public static Fixtures.Player session(JdbcTemplate jdbc, String externalRef, String variant, Instant startedAt,
                                          Instant endedAt) {
        jdbc.update("INSERT INTO users (id, external_ref, created_at) VALUES (?, ?, now()) ON CONFLICT (external_ref) DO NOTHING",
                Ids.newId(), externalRef);
        UUID user = jdbc.queryForObject("SELECT id FROM users WHERE external_ref = ?", UUID.class, externalRef);
        UUID session = Ids.newId();
        jdbc.update("""
                INSERT INTO sessions (id, user_id, started_at, ended_at, experiment_variant, locale_code)
                VALUES (?, ?, ?, ?, ?, 'en')
                """, session, user, ts(startedAt), endedAt == null ? null : ts(endedAt), variant);
        return new Fixtures.Player(user, session, externalRef);
    }

    public static UUID eventType(JdbcTemplate jdbc, String eventName) {
        UUID id = Ids.newId();
        jdbc.update("INSERT INTO analytics_event_types (id, event_name, description) VALUES (?, ?, 'fixture')", id, eventName);
        return id;
    }

    public static UUID analyticsEvent(JdbcTemplate jdbc, Fixtures.Player player, UUID typeId, Instant occurredAt) {
        UUID id = Ids.newId();
        jdbc.update("""
                INSERT INTO analytics_events (id, analytics_event_type_id, session_id, user_id, occurred_at)
                VALUES (?, ?, ?, ?, ?)
                """, id, typeId, player.sessionId(), player.userId(), ts(occurredAt));
        return id;
    }

    /** {@code n} OPEN YES/NO markets of one OPEN event, sharing one set of localization keys. */
    public static List<Market> markets(JdbcTemplate jdbc, int n) {
        Fixtures.OpenMarket first = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(86_400));
        String s = first.questionKey().substring("test.q.".length());
        List<Market> markets = new ArrayList<>(n);
        markets.add(new Market(first.eventId(), first.marketId(), first.yesOutcomeId(), first.noOutcomeId(), first.oddsVersionId()));
        List<Object[]> marketRows = new ArrayList<>();
        List<Object[]> outcomeRows = new ArrayList<>();
        List<Object[]> versionRows = new ArrayList<>();
        List<Object[]> oddsRows = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            Market m = new Market(first.eventId(), Ids.newId(), Ids.newId(), Ids.newId(), Ids.newId());
            marketRows.add(new Object[] {m.marketId(), m.eventId(), first.questionKey(), ts(first.lockAt())});
            outcomeRows.add(new Object[] {m.yesOutcomeId(), m.marketId(), "YES", "test.yes." + s, 0});
            outcomeRows.add(new Object[] {m.noOutcomeId(), m.marketId(), "NO", "test.no." + s, 1});
            versionRows.add(new Object[] {m.oddsVersionId(), m.marketId()});
            oddsRows.add(new Object[] {Ids.newId(), m.oddsVersionId(), m.yesOutcomeId(), 1.80, 4, 5});
            oddsRows.add(new Object[] {Ids.newId(), m.oddsVersionId(), m.noOutcomeId(), 2.00, 1, 1});
            markets.add(m);
        }
        jdbc.batchUpdate("INSERT INTO markets (id, event_id, question_key, market_type, status, lock_at) VALUES (?, ?, ?, 'YES_NO', 'OPEN', ?)",
                marketRows);
        jdbc.batchUpdate("INSERT INTO outcomes (id, market_id, outcome_code, label_key, sort_order) VALUES (?, ?, ?, ?, ?)",
                outcomeRows);
        jdbc.batchUpdate("INSERT INTO odds_versions (id, market_id, version_no, created_at, is_current) VALUES (?, ?, 1, now(), true)",
                versionRows);
        jdbc.batchUpdate("""
                INSERT INTO outcome_odds (id, odds_version_id, outcome_id, decimal_odds, fractional_num, fractional_den)
                VALUES (?, ?, ?, ?, ?, ?)
                """, oddsRows);
        return markets;
    }

    /** A bet intent on YES: accepted, or rejected as MARKET_LOCKED. */
    public static UUID betIntent(JdbcTemplate jdbc, Fixtures.Player player, Market market, boolean accepted) {
        UUID id = Ids.newId();
        jdbc.update("""
                INSERT INTO bet_intents (id, user_id, session_id, event_id, market_id, outcome_id, idempotency_key,
                    client_sent_at, server_received_at, accepted, acceptance_code, accepted_odds_version_id,
                    seen_odds_version_id, accept_odds)
                VALUES (?, ?, ?, ?, ?, ?, ?, now(), now(), ?, ?, ?, ?, 'EXACT')
                """, id, player.userId(), player.sessionId(), market.eventId(), market.marketId(), market.yesOutcomeId(),
                "fixture-" + id, accepted, accepted ? "ACCEPTED" : "MARKET_LOCKED", accepted ? market.oddsVersionId() : null,
                market.oddsVersionId());
        return id;
    }

    /** Settles the market: intents on YES win when {@code yesWins}, lose otherwise. */
    public static void settle(JdbcTemplate jdbc, Market market, boolean yesWins) {
        jdbc.update("UPDATE markets SET status = 'SETTLED' WHERE id = ?", market.marketId());
        jdbc.update("INSERT INTO settlements (id, market_id, settled_at, winning_outcome_id) VALUES (?, ?, now(), ?)",
                Ids.newId(), market.marketId(), yesWins ? market.yesOutcomeId() : market.noOutcomeId());
    }

    public static void voidMarket(JdbcTemplate jdbc, Market market) {
        jdbc.update("UPDATE markets SET status = 'VOID' WHERE id = ?", market.marketId());
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
