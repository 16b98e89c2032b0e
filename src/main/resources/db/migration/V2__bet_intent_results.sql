-- A prediction's result is derived, never stored: settling or voiding a market changes one row (the settlement
-- or the market's status) and every intent's result follows. Rejected intents have no result.
CREATE VIEW bet_intent_results AS
SELECT bi.id               AS bet_intent_id,
       bi.user_id,
       bi.event_id,
       bi.market_id,
       bi.outcome_id,
       bi.accepted,
       bi.server_received_at,
       s.winning_outcome_id,
       s.settled_at,
       CASE
           WHEN NOT bi.accepted THEN NULL
           WHEN m.status = 'VOID' THEN 'VOID'
           WHEN s.id IS NULL THEN 'PENDING'
           WHEN s.winning_outcome_id = bi.outcome_id THEN 'WON'
           ELSE 'LOST'
       END                 AS result
FROM bet_intents bi
JOIN markets m ON m.id = bi.market_id
LEFT JOIN settlements s ON s.market_id = bi.market_id;
