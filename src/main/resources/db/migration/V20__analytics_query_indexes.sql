-- Funnels look up "the first event of type T in session S at or after time t" once per session and step.
CREATE INDEX analytics_events_session_type_time_idx ON analytics_events (session_id, analytics_event_type_id, occurred_at);
-- The audit query filters by action newest first; the other filters already have their indexes in V1.
CREATE INDEX audit_logs_action_idx ON audit_logs (action_name, created_at DESC, id DESC);
