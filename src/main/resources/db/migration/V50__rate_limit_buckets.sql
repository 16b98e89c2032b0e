-- Per-player token buckets shared by every instance (reveal.rate-limits.store=database), so a player's limit holds
-- across N instances instead of N times over. One row per limit and player; id is a name-based UUID of both.
-- UNLOGGED: the buckets are soft state. Updating one writes no WAL, so a prediction's rate check neither waits for a
-- WAL flush nor for the synchronous standby; after a crash or a failover the table starts empty (a fresh burst).
CREATE UNLOGGED TABLE rate_limit_buckets (
    id          uuid PRIMARY KEY,
    limit_name  text NOT NULL,
    subject     text NOT NULL,
    tokens      double precision NOT NULL CHECK (tokens >= 0),
    taken       boolean NOT NULL,
    refilled_at timestamptz NOT NULL
);
