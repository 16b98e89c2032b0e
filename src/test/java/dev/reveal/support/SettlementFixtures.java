package dev.reveal.support;

import dev.reveal.platform.Ids;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows for settlement tests, written straight into the database: events and markets in any status, and bet intents
 * (accepted or refused) as the betting area would record them. Every call creates fresh rows.
 */
public final class SettlementFixtures {

    private SettlementFixtures() {
    }

    /** A YES/NO market whose odds version 1 is current. */
    public record Market(UUID eventId, UUID marketId, UUID yesOutcomeId, UUID noOutcomeId, UUID oddsVersionId,
                         Instant lockAt) {
    }

    public static UUID event(JdbcTemplate jdbc, String status, Instant lockAt) {
        UUID event = Ids.newId();
        jdbc.update("""
                INSERT INTO events (id, sport_type, source_ref, title_en, status, preview_start_ms, preview_end_ms,
                    reveal_start_ms, reveal_end_ms, lock_at, settle_at)
                VALUES (?, 'FOOTBALL', ?, 'Settlement fixture', ?, 0, 8000, 8000, 15000, ?, ?)
                """, event, "settlement-" + event, status, ts(lockAt), ts(lockAt.plusSeconds(3600)));
        return event;
    }

    public static Market market(JdbcTemplate jdbc, UUID eventId, String status, Instant lockAt) {
        String suffix = Ids.newId().toString();
        String question = "test.settle.q." + suffix;
        Fixtures.localizationKey(jdbc, question, "Will it go in?", null);
        Fixtures.localizationKey(jdbc, "test.settle.yes." + suffix, "Yes", null);
        Fixtures.localizationKey(jdbc, "test.settle.no." + suffix, "No", null);
        UUID market = Ids.newId();
        jdbc.update("INSERT INTO markets (id, event_id, question_key, market_type, status, lock_at) VALUES (?, ?, ?, 'YES_NO', ?, ?)",
                market, eventId, question, status, ts(lockAt));
        UUID yes = Ids.newId();
        UUID no = Ids.newId();
        jdbc.update("INSERT INTO outcomes (id, market_id, outcome_code, label_key, sort_order) VALUES (?, ?, 'YES', ?, 0)",
                yes, market, "test.settle.yes." + suffix);
        jdbc.update("INSERT INTO outcomes (id, market_id, outcome_code, label_key, sort_order) VALUES (?, ?, 'NO', ?, 1)",
                no, market, "test.settle.no." + suffix);
        UUID version = Ids.newId();
        jdbc.update("INSERT INTO odds_versions (id, market_id, version_no, created_at, is_current) VALUES (?, ?, 1, now(), true)",
                version, market);
        jdbc.update("""
                INSERT INTO outcome_odds (id, odds_version_id, outcome_id, decimal_odds, fractional_num, fractional_den)
                VALUES (?, ?, ?, 1.80, 4, 5), (?, ?, ?, 2.00, 1, 1)
                """, Ids.newId(), version, yes, Ids.newId(), version, no);
        return new Market(eventId, market, yes, no, version, lockAt);
    }

    /** An event and its single market, both in the given statuses. */
    public static Market eventWithMarket(JdbcTemplate jdbc, String eventStatus, String marketStatus, Instant lockAt) {
        return market(jdbc, event(jdbc, eventStatus, lockAt), marketStatus, lockAt);
    }

    /** An accepted prediction, received at the given instant. */
    public static UUID accepted(JdbcTemplate jdbc, Market market, Fixtures.Player player, UUID outcomeId, Instant receivedAt) {
        return intent(jdbc, market, player, outcomeId, "ACCEPTED", receivedAt);
    }

    /** A prediction recorded with the given acceptance code (accepted only for ACCEPTED). */
    public static UUID intent(JdbcTemplate jdbc, Market market, Fixtures.Player player, UUID outcomeId, String code,
            Instant receivedAt) {
        UUID id = Ids.newId();
        boolean accepted = "ACCEPTED".equals(code);
        jdbc.update("""
                INSERT INTO bet_intents (id, user_id, session_id, event_id, market_id, outcome_id, idempotency_key,
                    client_sent_at, server_received_at, accepted, acceptance_code, accepted_odds_version_id,
                    seen_odds_version_id, accept_odds)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'EXACT')
                """, id, player.userId(), player.sessionId(), market.eventId(), market.marketId(), outcomeId, "k-" + id,
                ts(receivedAt.minusMillis(150)), ts(receivedAt), accepted, code, accepted ? market.oddsVersionId() : null,
                market.oddsVersionId());
        return id;
    }

    /** What {@link #bulkAccepted} wrote: ids are {@code prefix-kind-row number}, so they can be found again. */
    public record Bulk(String prefix, int count) {
    }

    /**
     * {@code count} players, each with one session and one accepted prediction on the market: NO for every third
     * player, YES for the others, received up to ten minutes before lock. One statement per table. Ids and
     * idempotency keys ascend with the row number (a random prefix, then a zero-padded counter), so every index
     * grows at its right edge instead of being written at random; foreign-key triggers are skipped for the load
     * (the rows are consistent by construction), as pg_restore --disable-triggers does, while CHECK, NOT NULL and
     * unique constraints still apply. The server's max_wal_size is raised for the load so that it is not slowed by
     * a checkpoint every gigabyte of WAL, and reset afterwards.
     */
    public static Bulk bulkAccepted(JdbcTemplate jdbc, TransactionTemplate tx, Market market, int count) {
        String prefix = Ids.newId().toString().substring(24, 32);
        jdbc.execute("ALTER SYSTEM SET max_wal_size = '8GB'");
        jdbc.execute("SELECT pg_reload_conf()");
        try {
            tx.executeWithoutResult(s -> {
                jdbc.execute("SET LOCAL session_replication_role = replica");
                jdbc.update("""
                        INSERT INTO users (id, external_ref, created_at)
                        SELECT (? || '0001' || lpad(to_hex(g), 20, '0'))::uuid, 'bulk-' || ? || '-' || lpad(g::text, 10, '0'), now()
                        FROM generate_series(1, ?) g
                        """, prefix, prefix, count);
                jdbc.update("""
                        INSERT INTO sessions (id, user_id, started_at, experiment_variant, locale_code)
                        SELECT (? || '0002' || lpad(to_hex(g), 20, '0'))::uuid, (? || '0001' || lpad(to_hex(g), 20, '0'))::uuid,
                               now() - interval '1 hour', 'control', 'en'
                        FROM generate_series(1, ?) g
                        """, prefix, prefix, count);
                jdbc.update("""
                        INSERT INTO bet_intents (id, user_id, session_id, event_id, market_id, outcome_id, idempotency_key,
                            client_sent_at, server_received_at, accepted, acceptance_code, accepted_odds_version_id,
                            seen_odds_version_id, accept_odds)
                        SELECT (? || '0003' || lpad(to_hex(g), 20, '0'))::uuid, (? || '0001' || lpad(to_hex(g), 20, '0'))::uuid,
                               (? || '0002' || lpad(to_hex(g), 20, '0'))::uuid,
                               ?, ?, CASE WHEN g % 3 = 0 THEN ?::uuid ELSE ?::uuid END, 'bulk-' || lpad(g::text, 10, '0'),
                               ?::timestamptz - make_interval(secs => g % 600 + 1),
                               ?::timestamptz - make_interval(secs => g % 600 + 1),
                               true, 'ACCEPTED', ?, ?, 'EXACT'
                        FROM generate_series(1, ?) g
                        """, prefix, prefix, prefix, market.eventId(), market.marketId(), market.noOutcomeId(),
                        market.yesOutcomeId(), ts(market.lockAt()), ts(market.lockAt()), market.oddsVersionId(),
                        market.oddsVersionId(), count);
            });
        } finally {
            jdbc.execute("ALTER SYSTEM RESET max_wal_size");
            jdbc.execute("SELECT pg_reload_conf()");
        }
        jdbc.execute("ANALYZE users");
        jdbc.execute("ANALYZE sessions");
        jdbc.execute("ANALYZE bet_intents");
        return new Bulk(prefix, count);
    }

    /** Removes what {@link #bulkAccepted} wrote, so later tests in the same database do not carry a million rows. */
    public static void removeBulk(JdbcTemplate jdbc, TransactionTemplate tx, Bulk bulk) {
        tx.executeWithoutResult(s -> {
            // nothing else refers to these rows; skipping the foreign-key checks saves a lookup per row and table
            jdbc.execute("SET LOCAL session_replication_role = replica");
            for (String[] table : new String[][] {{"bet_intents", "0003"}, {"sessions", "0002"}, {"users", "0001"}}) {
                jdbc.update("DELETE FROM " + table[0] + " WHERE id BETWEEN (? || ? || lpad('1', 20, '0'))::uuid "
                        + "AND (? || ? || lpad(to_hex(?), 20, '0'))::uuid",
                        bulk.prefix(), table[1], bulk.prefix(), table[1], bulk.count());
            }
        });
        jdbc.execute("VACUUM ANALYZE bet_intents");
        jdbc.execute("VACUUM ANALYZE sessions");
        jdbc.execute("VACUUM ANALYZE users");
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
