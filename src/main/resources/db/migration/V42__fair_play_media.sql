-- Fair play: a clip is kept as the operator gave it (HLS, operators only) and as two prepared renditions that
-- players get: PREVIEW (clear, up to preview_end_ms) and REVEAL (the rest, AES-128 encrypted). Rendition URLs are
-- relative paths the service serves itself: /media/<128-bit token>/<file>.
ALTER TABLE event_media DROP CONSTRAINT event_media_media_type_ck;
ALTER TABLE event_media ADD CONSTRAINT event_media_media_type_ck CHECK (media_type IN ('HLS', 'PREVIEW', 'REVEAL'));
ALTER TABLE event_media DROP CONSTRAINT event_media_hls_url_ck;
ALTER TABLE event_media ADD CONSTRAINT event_media_hls_url_ck CHECK (length(hls_master_url) <= 2048 AND (
    (media_type = 'HLS' AND hls_master_url ~ '^https?://')
    OR (media_type IN ('PREVIEW', 'REVEAL') AND hls_master_url ~ '^/media/[A-Za-z0-9_-]{22}/(preview|reveal)\.m3u8$')));
ALTER TABLE event_media DROP CONSTRAINT event_media_poster_url_ck;
ALTER TABLE event_media ADD CONSTRAINT event_media_poster_url_ck
    CHECK ((poster_url ~ '^https?://' OR poster_url ~ '^/[A-Za-z0-9/_.-]+$') AND length(poster_url) <= 2048);
CREATE UNIQUE INDEX event_media_event_type_uk ON event_media (event_id, media_type);
CREATE UNIQUE INDEX event_media_rendition_url_uk ON event_media (hls_master_url) WHERE media_type IN ('PREVIEW', 'REVEAL');

-- The reveal rendition's key and IV. Never leaves the database except through the key endpoint after the lock.
CREATE TABLE media_keys (
    id             uuid        PRIMARY KEY,
    event_media_id uuid        NOT NULL REFERENCES event_media (id),
    key_bytes      bytea       NOT NULL,
    iv             bytea       NOT NULL,
    created_at     timestamptz NOT NULL,
    released_at    timestamptz,
    CONSTRAINT media_keys_event_media_uk UNIQUE (event_media_id),
    CONSTRAINT media_keys_key_ck CHECK (length(key_bytes) = 16),
    CONSTRAINT media_keys_iv_ck CHECK (length(iv) = 16)
);

-- The deployment-wide secret that signs short-lived reveal links (one row; every instance reads it).
CREATE TABLE media_url_secrets (
    id         uuid        PRIMARY KEY,
    secret     bytea       NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT media_url_secrets_secret_ck CHECK (length(secret) >= 32)
);
