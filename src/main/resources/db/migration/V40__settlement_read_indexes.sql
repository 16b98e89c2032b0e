-- Leaderboards for a day or a week start from the settlements of that period, not from every settlement.
CREATE INDEX settlements_settled_at_idx ON settlements (settled_at);

-- Leaderboards and market statistics read the accepted predictions of each settled market: this index holds every
-- column they need, so those reads stay in the index (index-only scans) instead of visiting the wide heap rows.
CREATE INDEX bet_intents_accepted_by_market_idx ON bet_intents (market_id) INCLUDE (outcome_id, user_id, accepted)
    WHERE accepted;
