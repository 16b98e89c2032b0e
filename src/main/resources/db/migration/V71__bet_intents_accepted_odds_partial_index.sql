-- Only accepted intents have an accepted odds version; the others put a NULL entry into this index on every insert.
-- The index serves one thing, the foreign key's check when an odds version is deleted (a DRAFT event's markets being
-- replaced), and that check (accepted_odds_version_id = $1) can use a partial index: a refused prediction now
-- writes one index entry less.
CREATE INDEX bet_intents_accepted_odds_version_nn_idx ON bet_intents (accepted_odds_version_id)
    WHERE accepted_odds_version_id IS NOT NULL;
DROP INDEX bet_intents_accepted_odds_version_id_idx;
