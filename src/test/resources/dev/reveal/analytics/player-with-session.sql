-- one player with one session and one analytics event type; @JdbcTest rolls it back after each test
INSERT INTO users (id, external_ref, created_at)
VALUES ('00000000-0000-7000-8000-00000000a001', 'slice-player', now());
INSERT INTO sessions (id, user_id, started_at, experiment_variant, locale_code)
VALUES ('00000000-0000-7000-8000-00000000a002', '00000000-0000-7000-8000-00000000a001',
        '2026-01-01T12:00:00Z', 'control', 'en');
INSERT INTO analytics_event_types (id, event_name, description)
VALUES ('00000000-0000-7000-8000-00000000a003', 'slice_clip_viewed', 'slice test type');
