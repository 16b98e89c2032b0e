-- Tamper evidence: every audit row carries its place in one chain per deployment, the previous row's hash and its
-- own hash (SHA-256 over the previous hash and the row's content with its attributes; dev.reveal.audit.AuditHash).
-- The head row is locked by each writer at commit, so concurrent transactions chain one after another.
ALTER TABLE audit_logs ADD COLUMN chain_seq bigint;
ALTER TABLE audit_logs ADD COLUMN prev_hash bytea;
ALTER TABLE audit_logs ADD COLUMN row_hash bytea;
ALTER TABLE audit_logs ADD CONSTRAINT audit_logs_chain_seq_uk UNIQUE (chain_seq);
ALTER TABLE audit_logs ADD CONSTRAINT audit_logs_hashes_ck CHECK (
    (chain_seq IS NULL AND prev_hash IS NULL AND row_hash IS NULL)
    OR (chain_seq > 0 AND length(prev_hash) = 32 AND length(row_hash) = 32));

CREATE TABLE audit_chain_heads (
    id                uuid        PRIMARY KEY,
    last_seq          bigint      NOT NULL,
    last_hash         bytea       NOT NULL,
    last_audit_log_id uuid        REFERENCES audit_logs (id),
    updated_at        timestamptz NOT NULL,
    CONSTRAINT audit_chain_heads_hash_ck CHECK (length(last_hash) = 32)
);
