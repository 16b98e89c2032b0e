package dev.reveal.betting;

import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.MarketStatus;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * All SQL of bet intents, each statement once and set-based: a request alone is a batch of one. The write is one
 * INSERT ... ON CONFLICT DO NOTHING whose arbiters are both unique keys (one row per player and Idempotency-Key;
 * one accepted intent per player and market), so the database, not the code, settles every race. Reads of the
 * catalog's and odds' tables (markets, events, outcomes, odds_versions, outcome_odds) are the acceptance facts;
 * players' tables are reached through players.SessionDirectory. The reads of a player's history are in
 * {@link IntentHistory}.
 */
@Repository
class BetIntents {

    /** Columns of a stored intent plus the immutable odds it was accepted at; {@code bi} is the intent. */
    static final String INTENT_COLUMNS = """
            bi.id, bi.user_id, bi.session_id, bi.event_id, bi.market_id, bi.outcome_id, bi.idempotency_key,
            bi.client_sent_at, bi.server_received_at, bi.acceptance_code, bi.accepted_odds_version_id,
            bi.seen_odds_version_id, bi.accept_odds, oo.decimal_odds, oo.fractional_num, oo.fractional_den
            """;
    static final String ACCEPTED_ODDS_JOIN = """
            LEFT JOIN outcome_odds oo ON oo.odds_version_id = bi.accepted_odds_version_id AND oo.outcome_id = bi.outcome_id
            """;

    private final JdbcClient jdbc;

    BetIntents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Which event a market, and which market an outcome and an odds version belong to; null where unknown. */
    record References(UUID marketEventId, UUID outcomeMarketId, UUID oddsVersionMarketId) {
    }

    /** The mutable market facts of the acceptance decision, read under a share lock on the market and its odds. */
    record MarketState(MarketStatus marketStatus, EventStatus eventStatus, Instant lockAt, UUID currentVersionId,
                       BigDecimal currentOdds, BigDecimal seenOdds, boolean alreadyPredicted) {
    }

    /** One request as {@link #lockMarkets} needs it. */
    record Locking(UUID marketId, UUID userId, UUID outcomeId, UUID seenVersionId) {
    }

    record UserKey(UUID userId, String key) {
    }

    References references(UUID marketId, UUID outcomeId, UUID oddsVersionId) {
        return jdbc.sql("""
                        SELECT (SELECT m.event_id FROM markets m WHERE m.id = :market) AS market_event,
                               (SELECT o.market_id FROM outcomes o WHERE o.id = :outcome) AS outcome_market,
                               (SELECT v.market_id FROM odds_versions v WHERE v.id = :version) AS version_market
                        """)
                .param("market", marketId).param("outcome", outcomeId).param("version", oddsVersionId)
                .query((rs, n) -> new References(uuid(rs, "market_event"), uuid(rs, "outcome_market"),
                        uuid(rs, "version_market")))
                .single();
    }

    /** The intents stored under these (user, Idempotency-Key) pairs, rows of this transaction included. */
    Map<UserKey, StoredIntent> byKeys(List<UserKey> wanted) {
        Map<UserKey, StoredIntent> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT " + INTENT_COLUMNS + """
                          FROM unnest(:users, :keys) AS k(usr, key)
                          JOIN bet_intents bi ON bi.user_id = k.usr AND bi.idempotency_key = k.key
                        """ + ACCEPTED_ODDS_JOIN)
                .param("users", array("uuid", wanted, UserKey::userId))
                .param("keys", array("text", wanted, UserKey::key))
                .query((RowCallbackHandler) rs -> {
                    StoredIntent row = intent(rs, false);
                    found.put(new UserKey(row.userId(), row.idempotencyKey()), row);
                });
        return found;
    }

    /**
     * Reads each request's market, event and current odds, share-locking every market and current-odds row involved
     * until commit: a status change or an odds publish (which must update those rows) waits for these intents, or
     * they wait for it and then see its result. The state of each request by its position in the list; a position
     * is missing when that market's current version moved while we waited (the caller re-reads those).
     */
    Map<Integer, MarketState> lockMarkets(List<Locking> requests) {
        Map<Integer, MarketState> states = new HashMap<>();
        jdbc.sql("""
                        SELECT r.ord, m.status AS market_status, e.status AS event_status, m.lock_at,
                               ov.id AS current_version, cur.decimal_odds AS current_odds, seen.decimal_odds AS seen_odds,
                               EXISTS (SELECT 1 FROM bet_intents bi
                                        WHERE bi.user_id = r.usr AND bi.market_id = m.id AND bi.accepted) AS already_predicted
                          FROM unnest(:markets, :users, :outcomes, :seen) WITH ORDINALITY AS r(market, usr, outcome, seen, ord)
                          JOIN markets m ON m.id = r.market
                          JOIN events e ON e.id = m.event_id
                          JOIN odds_versions ov ON ov.market_id = m.id AND ov.is_current
                          LEFT JOIN outcome_odds cur ON cur.odds_version_id = ov.id AND cur.outcome_id = r.outcome
                          LEFT JOIN outcome_odds seen ON seen.odds_version_id = r.seen AND seen.outcome_id = r.outcome
                           FOR SHARE OF m, ov
                        """)
                .param("markets", array("uuid", requests, Locking::marketId))
                .param("users", array("uuid", requests, Locking::userId))
                .param("outcomes", array("uuid", requests, Locking::outcomeId))
                .param("seen", array("uuid", requests, Locking::seenVersionId))
                .query((RowCallbackHandler) rs -> states.put(rs.getInt("ord") - 1, new MarketState(
                        MarketStatus.valueOf(rs.getString("market_status")),
                        EventStatus.valueOf(rs.getString("event_status")), instant(rs, "lock_at"),
                        uuid(rs, "current_version"), rs.getBigDecimal("current_odds"), rs.getBigDecimal("seen_odds"),
                        rs.getBoolean("already_predicted"))));
        return states;
    }

    /**
     * Inserts the rows in one statement; the rows stored, by id. A row missing from the answer lost to a unique key
     * (rows go in list order, so within one statement the earlier of two rows sharing a key wins).
     */
    Map<UUID, StoredIntent> insertAll(List<NewIntent> rows) {
        Map<UUID, StoredIntent> stored = new HashMap<>();
        if (rows.isEmpty()) {
            return stored;
        }
        jdbc.sql("""
                        WITH bi AS (
                            INSERT INTO bet_intents (id, user_id, session_id, event_id, market_id, outcome_id, idempotency_key,
                                client_sent_at, server_received_at, accepted, acceptance_code, accepted_odds_version_id,
                                seen_odds_version_id, accept_odds)
                            SELECT * FROM unnest(:ids, :users, :sessions, :events, :markets, :outcomes, :keys,
                                :clientSentAt, :receivedAt, :accepted, :codes, :acceptedVersions, :seenVersions, :acceptOdds)
                            ON CONFLICT DO NOTHING
                            RETURNING *)
                        SELECT\s""" + INTENT_COLUMNS + " FROM bi " + ACCEPTED_ODDS_JOIN)
                .param("ids", array("uuid", rows, NewIntent::id))
                .param("users", array("uuid", rows, NewIntent::userId))
                .param("sessions", array("uuid", rows, NewIntent::sessionId))
                .param("events", array("uuid", rows, NewIntent::eventId))
                .param("markets", array("uuid", rows, NewIntent::marketId))
                .param("outcomes", array("uuid", rows, NewIntent::outcomeId))
                .param("keys", array("text", rows, NewIntent::idempotencyKey))
                .param("clientSentAt", array("timestamptz", rows, r -> r.clientSentAt().atOffset(ZoneOffset.UTC)))
                .param("receivedAt", array("timestamptz", rows, r -> r.serverReceivedAt().atOffset(ZoneOffset.UTC)))
                .param("accepted", array("bool", rows, r -> r.code().accepted()))
                .param("codes", array("text", rows, r -> r.code().name()))
                .param("acceptedVersions", array("uuid", rows, NewIntent::acceptedOddsVersionId))
                .param("seenVersions", array("uuid", rows, NewIntent::seenOddsVersionId))
                .param("acceptOdds", array("text", rows, r -> r.acceptOdds().name()))
                .query((RowCallbackHandler) rs -> {
                    StoredIntent row = intent(rs, false);
                    stored.put(row.id(), row);
                });
        return stored;
    }

    /** One column of a set-based statement: the values of {@code rows} as a typed array for {@code unnest}. */
    private static <T> SqlArrayValue array(String type, List<T> rows, Function<T, Object> column) {
        return new SqlArrayValue(type, rows.stream().map(column).toArray());
    }

    static StoredIntent intent(ResultSet rs, boolean withResult) throws SQLException {
        return new StoredIntent(uuid(rs, "id"), uuid(rs, "user_id"), uuid(rs, "session_id"), uuid(rs, "event_id"),
                uuid(rs, "market_id"), uuid(rs, "outcome_id"), rs.getString("idempotency_key"),
                instant(rs, "client_sent_at"), instant(rs, "server_received_at"),
                AcceptanceCode.valueOf(rs.getString("acceptance_code")), uuid(rs, "accepted_odds_version_id"),
                uuid(rs, "seen_odds_version_id"), AcceptOdds.valueOf(rs.getString("accept_odds")),
                rs.getBigDecimal("decimal_odds"), integer(rs, "fractional_num"), integer(rs, "fractional_den"),
                withResult ? rs.getString("result") : null, withResult ? uuid(rs, "winning_outcome_id") : null);
    }

    private static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
