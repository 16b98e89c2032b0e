package dev.reveal.betting;

import static dev.reveal.betting.BetIntents.ACCEPTED_ODDS_JOIN;
import static dev.reveal.betting.BetIntents.INTENT_COLUMNS;

import dev.reveal.platform.Cursor;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A player's predictions with their results, read back. The result needs the market's status and its settlement
 * (catalog's markets, settlement's settlements), through the {@code bet_intent_result} function or the
 * {@code bet_intent_results} view.
 */
@Repository
class IntentHistory {

    private final JdbcClient jdbc;

    IntentHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The player's intents newest first, each with its result (the {@code bet_intent_result} function, the one
     * definition the bet_intent_results view uses too). The page is cut from the history index first, stopping after
     * {@code limit} rows, and only its rows are joined: a page costs the same however many intents the player has.
     */
    List<StoredIntent> page(UUID userId, UUID eventId, Cursor after, int limit) {
        StringBuilder page = new StringBuilder("SELECT * FROM bet_intents WHERE user_id = :user");
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
        var spec = jdbc.sql(sql).param("user", userId).param("limit", limit);
        if (eventId != null) {
            spec = spec.param("event", eventId);
        }
        if (after != null) {
            spec = spec.param("at", Timestamp.from(after.at())).param("afterId", after.id());
        }
        return spec.query((rs, n) -> BetIntents.intent(rs, true)).list();
    }

    Optional<StoredIntent> findOwned(UUID id, UUID userId) {
        return jdbc.sql("SELECT " + INTENT_COLUMNS + """
                        , r.result, r.winning_outcome_id
                          FROM bet_intents bi
                          JOIN bet_intent_results r ON r.bet_intent_id = bi.id
                        """ + ACCEPTED_ODDS_JOIN + " WHERE bi.id = :id AND bi.user_id = :user")
                .param("id", id).param("user", userId).query((rs, n) -> BetIntents.intent(rs, true)).optional();
    }
}
