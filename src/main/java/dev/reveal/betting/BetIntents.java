package dev.reveal.betting;

import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.MarketStatus;
import dev.reveal.platform.Cursor;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * All SQL of bet intents. The write is one INSERT ... ON CONFLICT DO NOTHING per intent whose arbiters are both
 * unique keys (one row per player and Idempotency-Key; one accepted intent per player and market), so the
 * database, not the code, settles every race; a group-commit writer can batch {@link #insert} as it stands.
 */
@Repository
class BetIntents {

    /** Columns of a stored intent plus the immutable odds it was accepted at; {@code bi} is the intent. */
    private static final String INTENT_COLUMNS = """
            bi.id, bi.user_id, bi.session_id, bi.event_id, bi.market_id, bi.outcome_id, bi.idempotency_key,
            bi.client_sent_at, bi.server_received_at, bi.acceptance_code, bi.accepted_odds_version_id,
            bi.seen_odds_version_id, bi.accept_odds, oo.decimal_odds, oo.fractional_num, oo.fractional_den
            """;
    private static final String ACCEPTED_ODDS_JOIN = """
            LEFT JOIN outcome_odds oo ON oo.odds_version_id = bi.accepted_odds_version_id AND oo.outcome_id = bi.outcome_id
            """;

    private final JdbcClient jdbc;

    BetIntents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the refusals (404/422, nothing written) are decided on; all of it immutable except the session owner. */
    record References(String sessionOwner, UUID sessionUserId, UUID marketEventId, UUID outcomeMarketId,
                      UUID oddsVersionMarketId) {
    }

    /** The mutable facts of the acceptance decision, read under a share lock on the market and its current odds. */
    record MarketState(MarketStatus marketStatus, EventStatus eventStatus, Instant lockAt, UUID currentVersionId,
                       BigDecimal currentOdds, BigDecimal seenOdds, boolean sessionEnded, boolean alreadyPredicted) {
    }

    record NewIntent(UUID id, UUID userId, UUID sessionId, UUID eventId, UUID marketId, UUID outcomeId,
                     String idempotencyKey, Instant clientSentAt, Instant serverReceivedAt, AcceptanceCode code,
                     UUID acceptedOddsVersionId, UUID seenOddsVersionId, AcceptOdds acceptOdds) {

        NewIntent asAlreadyPredicted() {
            return new NewIntent(id, userId, sessionId, eventId, marketId, outcomeId, idempotencyKey, clientSentAt,
                    serverReceivedAt, AcceptanceCode.ALREADY_PREDICTED, null, seenOddsVersionId, acceptOdds);
        }
    }

    /** The caller's earlier intent under this key, looked up by external ref so that it costs one round trip. */
    Optional<StoredIntent> byKey(String externalRef, String idempotencyKey) {
        return jdbc.sql("SELECT " + INTENT_COLUMNS + " FROM bet_intents bi JOIN users u ON u.id = bi.user_id "
                        + ACCEPTED_ODDS_JOIN + " WHERE u.external_ref = ? AND bi.idempotency_key = ?")
                .params(externalRef, idempotencyKey).query((rs, n) -> intent(rs, false)).optional();
    }

    References references(UUID sessionId, UUID marketId, UUID outcomeId, UUID oddsVersionId) {
        return jdbc.sql("""
                        SELECT (SELECT u.external_ref FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = :session) AS session_owner,
                               (SELECT s.user_id FROM sessions s WHERE s.id = :session) AS session_user,
                               (SELECT m.event_id FROM markets m WHERE m.id = :market) AS market_event,
                               (SELECT o.market_id FROM outcomes o WHERE o.id = :outcome) AS outcome_market,
                               (SELECT v.market_id FROM odds_versions v WHERE v.id = :version) AS version_market
                        """)
                .param("session", sessionId).param("market", marketId).param("outcome", outcomeId)
                .param("version", oddsVersionId)
                .query((rs, n) -> new References(rs.getString("session_owner"), uuid(rs, "session_user"),
                        uuid(rs, "market_event"), uuid(rs, "outcome_market"), uuid(rs, "version_market")))
                .single();
    }

    /**
     * Reads the market, its event and its current odds, share-locking the market and current-odds rows until
     * commit: a status change or an odds publish (which must update those rows) waits for this intent, or this
     * intent waits for it and then sees its result. Empty when the current version moved while we waited; the
     * caller re-reads.
     */
    Optional<MarketState> lockMarket(UUID marketId, UUID sessionId, UUID userId, UUID outcomeId, UUID seenVersionId) {
        return jdbc.sql("""
                        SELECT m.status AS market_status, e.status AS event_status, m.lock_at, ov.id AS current_version,
                               cur.decimal_odds AS current_odds, seen.decimal_odds AS seen_odds,
                               s.ended_at IS NOT NULL AS session_ended,
                               EXISTS (SELECT 1 FROM bet_intents bi
                                        WHERE bi.user_id = :user AND bi.market_id = m.id AND bi.accepted) AS already_predicted
                          FROM markets m
                          JOIN events e ON e.id = m.event_id
                          JOIN odds_versions ov ON ov.market_id = m.id AND ov.is_current
                          JOIN sessions s ON s.id = :session
                          LEFT JOIN outcome_odds cur ON cur.odds_version_id = ov.id AND cur.outcome_id = :outcome
                          LEFT JOIN outcome_odds seen ON seen.odds_version_id = :seen AND seen.outcome_id = :outcome
                         WHERE m.id = :market
                           FOR SHARE OF m, ov
                        """)
                .param("market", marketId).param("session", sessionId).param("user", userId)
                .param("outcome", outcomeId).param("seen", seenVersionId)
                .query((rs, n) -> new MarketState(MarketStatus.valueOf(rs.getString("market_status")),
                        EventStatus.valueOf(rs.getString("event_status")), instant(rs, "lock_at"),
                        uuid(rs, "current_version"), rs.getBigDecimal("current_odds"), rs.getBigDecimal("seen_odds"),
                        rs.getBoolean("session_ended"), rs.getBoolean("already_predicted")))
                .optional();
    }

    /** The stored row, or empty when a unique key (same Idempotency-Key, or an accepted intent on the market) won. */
    Optional<StoredIntent> insert(NewIntent i) {
        return jdbc.sql("""
                        WITH bi AS (
                            INSERT INTO bet_intents (id, user_id, session_id, event_id, market_id, outcome_id, idempotency_key,
                                client_sent_at, server_received_at, accepted, acceptance_code, accepted_odds_version_id,
                                seen_odds_version_id, accept_odds)
                            VALUES (:id, :user, :session, :event, :market, :outcome, :key, :clientSentAt, :receivedAt,
                                :accepted, :code, :acceptedVersion, :seenVersion, :acceptOdds)
                            ON CONFLICT DO NOTHING
                            RETURNING *)
                        SELECT\s""" + INTENT_COLUMNS + " FROM bi " + ACCEPTED_ODDS_JOIN)
                .param("id", i.id()).param("user", i.userId()).param("session", i.sessionId()).param("event", i.eventId())
                .param("market", i.marketId()).param("outcome", i.outcomeId()).param("key", i.idempotencyKey())
                .param("clientSentAt", Timestamp.from(i.clientSentAt()))
                .param("receivedAt", Timestamp.from(i.serverReceivedAt()))
                .param("accepted", i.code().accepted()).param("code", i.code().name())
                .param("acceptedVersion", i.acceptedOddsVersionId()).param("seenVersion", i.seenOddsVersionId())
                .param("acceptOdds", i.acceptOdds().name())
                .query((rs, n) -> intent(rs, false)).optional();
    }

    /** One request of a group-commit batch, as {@link #lockMarkets} needs it. */
    record Locking(UUID marketId, UUID sessionId, UUID userId, UUID outcomeId, UUID seenVersionId) {
    }

    /**
     * {@link #lockMarket} for a whole batch in one statement: the state of each request by its position in the list,
     * share-locking every market and current-odds row involved until commit. A position is missing when that
     * market's current version moved while we waited; the caller re-reads those.
     */
    Map<Integer, MarketState> lockMarkets(List<Locking> requests) {
        int n = requests.size();
        UUID[] markets = new UUID[n];
        UUID[] sessions = new UUID[n];
        UUID[] users = new UUID[n];
        UUID[] outcomes = new UUID[n];
        UUID[] seen = new UUID[n];
        for (int i = 0; i < n; i++) {
            Locking r = requests.get(i);
            markets[i] = r.marketId();
            sessions[i] = r.sessionId();
            users[i] = r.userId();
            outcomes[i] = r.outcomeId();
            seen[i] = r.seenVersionId();
        }
        Map<Integer, MarketState> states = new HashMap<>();
        jdbc.sql("""
                        SELECT r.ord, m.status AS market_status, e.status AS event_status, m.lock_at,
                               ov.id AS current_version, cur.decimal_odds AS current_odds, seen.decimal_odds AS seen_odds,
                               s.ended_at IS NOT NULL AS session_ended,
                               EXISTS (SELECT 1 FROM bet_intents bi
                                        WHERE bi.user_id = r.usr AND bi.market_id = m.id AND bi.accepted) AS already_predicted
                          FROM unnest(:markets, :sessions, :users, :outcomes, :seen)
                               WITH ORDINALITY AS r(market, session, usr, outcome, seen, ord)
                          JOIN markets m ON m.id = r.market
                          JOIN events e ON e.id = m.event_id
                          JOIN odds_versions ov ON ov.market_id = m.id AND ov.is_current
                          JOIN sessions s ON s.id = r.session
                          LEFT JOIN outcome_odds cur ON cur.odds_version_id = ov.id AND cur.outcome_id = r.outcome
                          LEFT JOIN outcome_odds seen ON seen.odds_version_id = r.seen AND seen.outcome_id = r.outcome
                           FOR SHARE OF m, ov
                        """)
                .param("markets", new SqlArrayValue("uuid", (Object[]) markets))
                .param("sessions", new SqlArrayValue("uuid", (Object[]) sessions))
                .param("users", new SqlArrayValue("uuid", (Object[]) users))
                .param("outcomes", new SqlArrayValue("uuid", (Object[]) outcomes))
                .param("seen", new SqlArrayValue("uuid", (Object[]) seen))
                .query((RowCallbackHandler) rs -> states.put(rs.getInt("ord") - 1, new MarketState(
                        MarketStatus.valueOf(rs.getString("market_status")),
                        EventStatus.valueOf(rs.getString("event_status")), instant(rs, "lock_at"),
                        uuid(rs, "current_version"), rs.getBigDecimal("current_odds"), rs.getBigDecimal("seen_odds"),
                        rs.getBoolean("session_ended"), rs.getBoolean("already_predicted"))));
        return states;
    }

    /**
     * {@link #insert} for many rows in one statement; the rows stored, by id. A row missing from the answer lost
     * to a unique key, exactly as a single insert would have (rows go in list order, so within one statement the
     * earlier of two rows sharing a key wins).
     */
    Map<UUID, StoredIntent> insertAll(List<NewIntent> rows) {
        Map<UUID, StoredIntent> stored = new HashMap<>();
        if (rows.isEmpty()) {
            return stored;
        }
        int n = rows.size();
        Object[] ids = new Object[n];
        Object[] users = new Object[n];
        Object[] sessions = new Object[n];
        Object[] events = new Object[n];
        Object[] markets = new Object[n];
        Object[] outcomes = new Object[n];
        Object[] keys = new Object[n];
        Object[] clientSentAt = new Object[n];
        Object[] receivedAt = new Object[n];
        Object[] accepted = new Object[n];
        Object[] codes = new Object[n];
        Object[] acceptedVersions = new Object[n];
        Object[] seenVersions = new Object[n];
        Object[] acceptOdds = new Object[n];
        for (int i = 0; i < n; i++) {
            NewIntent r = rows.get(i);
            ids[i] = r.id();
            users[i] = r.userId();
            sessions[i] = r.sessionId();
            events[i] = r.eventId();
            markets[i] = r.marketId();
            outcomes[i] = r.outcomeId();
            keys[i] = r.idempotencyKey();
            clientSentAt[i] = r.clientSentAt().atOffset(ZoneOffset.UTC);
            receivedAt[i] = r.serverReceivedAt().atOffset(ZoneOffset.UTC);
            accepted[i] = r.code().accepted();
            codes[i] = r.code().name();
            acceptedVersions[i] = r.acceptedOddsVersionId();
            seenVersions[i] = r.seenOddsVersionId();
            acceptOdds[i] = r.acceptOdds().name();
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
                .param("ids", new SqlArrayValue("uuid", ids)).param("users", new SqlArrayValue("uuid", users))
                .param("sessions", new SqlArrayValue("uuid", sessions)).param("events", new SqlArrayValue("uuid", events))
                .param("markets", new SqlArrayValue("uuid", markets)).param("outcomes", new SqlArrayValue("uuid", outcomes))
                .param("keys", new SqlArrayValue("text", keys))
                .param("clientSentAt", new SqlArrayValue("timestamptz", clientSentAt))
                .param("receivedAt", new SqlArrayValue("timestamptz", receivedAt))
                .param("accepted", new SqlArrayValue("bool", accepted)).param("codes", new SqlArrayValue("text", codes))
                .param("acceptedVersions", new SqlArrayValue("uuid", acceptedVersions))
                .param("seenVersions", new SqlArrayValue("uuid", seenVersions))
                .param("acceptOdds", new SqlArrayValue("text", acceptOdds))
                .query((RowCallbackHandler) rs -> {
                    StoredIntent row = intent(rs, false);
                    stored.put(row.id(), row);
                });
        return stored;
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
                .param("users", new SqlArrayValue("uuid", wanted.stream().map(UserKey::userId).toArray()))
                .param("keys", new SqlArrayValue("text", wanted.stream().map(UserKey::key).toArray()))
                .query((RowCallbackHandler) rs -> {
                    StoredIntent row = intent(rs, false);
                    found.put(new UserKey(row.userId(), row.idempotencyKey()), row);
                });
        return found;
    }

    record UserKey(UUID userId, String key) {
    }

    /**
     * The caller's intents newest first, each with its result (the {@code bet_intent_result} function, the one
     * definition the bet_intent_results view uses too). The page is cut from the history index first, stopping after
     * {@code limit} rows, and only its rows are joined: a page costs the same however many intents the player has.
     */
    List<StoredIntent> history(String externalRef, UUID eventId, Cursor after, int limit) {
        StringBuilder page = new StringBuilder("""
                SELECT * FROM bet_intents WHERE user_id = (SELECT id FROM users WHERE external_ref = :ref)""");
        if (eventId != null) {
            page.append(" AND event_id = :event");
        }
        if (after != null) {
            page.append(" AND (server_received_at, id) < (:at, :afterId)");
        }
        page.append(" ORDER BY server_received_at DESC, id DESC LIMIT :limit");
        String sql = "WITH bi AS MATERIALIZED (" + page + ") SELECT " + INTENT_COLUMNS + """
                , bet_intent_result(bi.accepted, m.status, s.id IS NOT NULL, s.winning_outcome_id, bi.outcome_id) AS result,
                  s.winning_outcome_id
                  FROM bi
                  JOIN markets m ON m.id = bi.market_id
                  LEFT JOIN settlements s ON s.market_id = bi.market_id
                """ + ACCEPTED_ODDS_JOIN + " ORDER BY bi.server_received_at DESC, bi.id DESC";
        var spec = jdbc.sql(sql).param("ref", externalRef).param("limit", limit);
        if (eventId != null) {
            spec = spec.param("event", eventId);
        }
        if (after != null) {
            spec = spec.param("at", Timestamp.from(after.at())).param("afterId", after.id());
        }
        return spec.query((rs, n) -> intent(rs, true)).list();
    }

    Optional<StoredIntent> findOwned(UUID id, String externalRef) {
        return jdbc.sql("SELECT " + INTENT_COLUMNS + """
                        , r.result, r.winning_outcome_id
                          FROM bet_intents bi
                          JOIN users u ON u.id = bi.user_id
                          JOIN bet_intent_results r ON r.bet_intent_id = bi.id
                        """ + ACCEPTED_ODDS_JOIN + " WHERE bi.id = :id AND u.external_ref = :ref")
                .param("id", id).param("ref", externalRef).query((rs, n) -> intent(rs, true)).optional();
    }

    private static StoredIntent intent(ResultSet rs, boolean withResult) throws SQLException {
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
