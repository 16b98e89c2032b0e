package dev.reveal.support;

import dev.reveal.platform.Ids;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Content and players written straight into the database, for tests of one area that need another area's rows.
 * Every call creates fresh rows (unique names), so tests sharing one database never collide.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** The fixture's preview rendition URL: a 22-character token as the media store makes them. */
    public static String previewUrl(UUID event) {
        return "/media/" + event.toString().replace("-", "").substring(10) + "/preview.m3u8";
    }

    /** An OPEN event with one media item and one OPEN YES/NO market whose odds version 1 (1.80 / 2.00) is current. */
    public record OpenMarket(UUID eventId, UUID marketId, UUID yesOutcomeId, UUID noOutcomeId, UUID oddsVersionId,
                             Instant lockAt, String questionKey) {
        public List<UUID> outcomeIds() {
            return List.of(yesOutcomeId, noOutcomeId);
        }
    }

    public record Player(UUID userId, UUID sessionId, String externalRef) {
    }

    public static OpenMarket openMarket(JdbcTemplate jdbc, Instant lockAt) {
        String suffix = Long.toHexString(Ids.newId().getLeastSignificantBits() & 0xffffffffffL);
        String question = "test.q." + suffix;
        String yes = "test.yes." + suffix;
        String no = "test.no." + suffix;
        localizationKey(jdbc, question, "Will it go in?", "Går den in?");
        localizationKey(jdbc, yes, "Yes", "Ja");
        localizationKey(jdbc, no, "No", "Nej");

        UUID event = Ids.newId();
        jdbc.update("""
                INSERT INTO events (id, sport_type, source_ref, title_en, title_sv, status, preview_start_ms, preview_end_ms,
                    reveal_start_ms, reveal_end_ms, lock_at, settle_at)
                VALUES (?, 'FOOTBALL', ?, 'Penalty ' || ?, 'Straff ' || ?, 'OPEN', 0, 8000, 8000, 15000, ?, ?)
                """, event, "fixture-" + suffix, suffix, suffix, ts(lockAt), ts(lockAt.plusSeconds(3600)));
        jdbc.update("""
                INSERT INTO event_media (id, event_id, media_type, hls_master_url, poster_url, duration_ms, preview_start_ms,
                    preview_end_ms, reveal_start_ms, reveal_end_ms)
                VALUES (?, ?, 'HLS', 'https://cdn.example/clip.m3u8', 'https://cdn.example/poster.jpg', 20000, 0, 8000, 8000, 15000)
                """, Ids.newId(), event);
        // the preview rendition players get (no files behind it: fixtures test the API, not playback)
        jdbc.update("""
                INSERT INTO event_media (id, event_id, media_type, hls_master_url, poster_url, duration_ms, preview_start_ms,
                    preview_end_ms, reveal_start_ms, reveal_end_ms)
                VALUES (?, ?, 'PREVIEW', ?, '/media/fixture/poster.jpg', 20000, 0, 8000, 8000, 15000)
                """, Ids.newId(), event, previewUrl(event));
        UUID market = Ids.newId();
        jdbc.update("INSERT INTO markets (id, event_id, question_key, market_type, status, lock_at) VALUES (?, ?, ?, 'YES_NO', 'OPEN', ?)",
                market, event, question, ts(lockAt));
        UUID yesId = Ids.newId();
        UUID noId = Ids.newId();
        jdbc.update("INSERT INTO outcomes (id, market_id, outcome_code, label_key, sort_order) VALUES (?, ?, 'YES', ?, 0)", yesId, market, yes);
        jdbc.update("INSERT INTO outcomes (id, market_id, outcome_code, label_key, sort_order) VALUES (?, ?, 'NO', ?, 1)", noId, market, no);
        UUID version = Ids.newId();
        jdbc.update("INSERT INTO odds_versions (id, market_id, version_no, created_at, is_current) VALUES (?, ?, 1, now(), true)", version, market);
        jdbc.update("INSERT INTO outcome_odds (id, odds_version_id, outcome_id, decimal_odds, fractional_num, fractional_den) VALUES (?, ?, ?, 1.80, 4, 5)",
                Ids.newId(), version, yesId);
        jdbc.update("INSERT INTO outcome_odds (id, odds_version_id, outcome_id, decimal_odds, fractional_num, fractional_den) VALUES (?, ?, ?, 2.00, 1, 1)",
                Ids.newId(), version, noId);
        return new OpenMarket(event, market, yesId, noId, version, lockAt, question);
    }

    public static void localizationKey(JdbcTemplate jdbc, String key, String en, String sv) {
        UUID id = Ids.newId();
        jdbc.update("INSERT INTO localization_keys (id, key_name, description) VALUES (?, ?, 'fixture')", id, key);
        jdbc.update("INSERT INTO localization_values (id, localization_key_id, locale_code, text_value) VALUES (?, ?, 'en', ?)", Ids.newId(), id, en);
        if (sv != null) {
            jdbc.update("INSERT INTO localization_values (id, localization_key_id, locale_code, text_value) VALUES (?, ?, 'sv', ?)", Ids.newId(), id, sv);
        }
    }

    /** A user (created on first sight of the ref) with a new open session in the given variant. */
    public static Player player(JdbcTemplate jdbc, String externalRef, String variant) {
        jdbc.update("INSERT INTO users (id, external_ref, created_at) VALUES (?, ?, now()) ON CONFLICT (external_ref) DO NOTHING",
                Ids.newId(), externalRef);
        UUID user = jdbc.queryForObject("SELECT id FROM users WHERE external_ref = ?", UUID.class, externalRef);
        UUID session = Ids.newId();
        jdbc.update("INSERT INTO sessions (id, user_id, started_at, experiment_variant, locale_code) VALUES (?, ?, now(), ?, 'en')",
                session, user, variant);
        return new Player(user, session, externalRef);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
