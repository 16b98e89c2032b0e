-- The one definition of a prediction's result, now a function: the view uses it, and so do queries that already
-- hold the intent row (a history page), which then need not join bet_intents to itself through the view.
-- A simple IMMUTABLE SQL function: the planner inlines it.
CREATE FUNCTION bet_intent_result(accepted boolean, market_status text, settled boolean,
                                  winning_outcome_id uuid, outcome_id uuid) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
           WHEN NOT accepted THEN NULL
           WHEN market_status = 'VOID' THEN 'VOID'
           WHEN NOT settled THEN 'PENDING'
           WHEN winning_outcome_id = outcome_id THEN 'WON'
           ELSE 'LOST'
       END;

CREATE OR REPLACE VIEW bet_intent_results AS
SELECT bi.id               AS bet_intent_id,
       bi.user_id,
       bi.event_id,
       bi.market_id,
       bi.outcome_id,
       bi.accepted,
       bi.server_received_at,
       s.winning_outcome_id,
       s.settled_at,
       bet_intent_result(bi.accepted, m.status, s.id IS NOT NULL, s.winning_outcome_id, bi.outcome_id) AS result
FROM bet_intents bi
JOIN markets m ON m.id = bi.market_id
LEFT JOIN settlements s ON s.market_id = bi.market_id;
