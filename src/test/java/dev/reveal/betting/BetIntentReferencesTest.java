package dev.reveal.betting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.reveal.platform.Ids;
import dev.reveal.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.postgresql.util.PSQLException;

/**
 * V70 dropped the single-column foreign keys on session, market and outcome because the composite keys check the
 * same parents: an intent naming a session, market or outcome that does not exist (or does not belong together)
 * must still be refused, now by the composite keys. V71 made the accepted-odds index partial: the key it serves
 * still keeps an accepted-at odds version from being deleted.
 */
class BetIntentReferencesTest extends IntegrationTest {

    private static final String INSERT = """
            INSERT INTO bet_intents (id, user_id, session_id, event_id, market_id, outcome_id, idempotency_key,
                client_sent_at, server_received_at, accepted, acceptance_code, accepted_odds_version_id,
                seen_odds_version_id, accept_odds)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, false, 'MARKET_NOT_OPEN', NULL, ?, 'ANY')""";

    private final Timestamp now = Timestamp.from(Instant.now());
    private UUID user;
    private UUID session;
    private UUID event;
    private UUID market;
    private UUID outcome;
    private UUID version;

    @BeforeEach
    void content() {
        user = insert("INSERT INTO users (id, external_ref, created_at) VALUES (?, ?, now())", "refs-" + UUID.randomUUID());
        session = insert("INSERT INTO sessions (id, user_id, started_at, experiment_variant, locale_code) VALUES (?, ?, now(), 'control', 'en')",
                user);
        event = insert("""
                INSERT INTO events (id, sport_type, title_en, status, preview_start_ms, preview_end_ms, reveal_start_ms,
                    reveal_end_ms, lock_at, settle_at) VALUES (?, 'FOOTBALL', 'Refs', 'DRAFT', 0, 1000, 1000, 2000, ?, ?)""",
                now, Timestamp.from(now.toInstant().plusSeconds(3600)));
        String key = "refs.test." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        insert("INSERT INTO localization_keys (id, key_name) VALUES (?, ?)", key);
        market = insert("INSERT INTO markets (id, event_id, question_key, market_type, status, lock_at) VALUES (?, ?, ?, 'YES_NO', 'DRAFT', ?)",
                event, key, now);
        outcome = insert("INSERT INTO outcomes (id, market_id, outcome_code, label_key, sort_order) VALUES (?, ?, 'YES', ?, 0)",
                market, key);
        version = insert("INSERT INTO odds_versions (id, market_id, version_no, created_at, is_current) VALUES (?, ?, 1, now(), true)",
                market);
    }

    @Test
    void anIntentWhoseReferencesExistIsStored() {
        jdbc.update(INSERT, Ids.newId(), user, session, event, market, outcome, "k-" + UUID.randomUUID(), now, now, version);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM bet_intents WHERE market_id = ?", Long.class, market)).isOne();
    }

    @Test
    void anUnknownSessionIsRefusedByTheSessionOfUserKey() {
        assertRefusedBy("bet_intents_session_of_user_fk", user, Ids.newId(), event, market, outcome);
    }

    @Test
    void anUnknownMarketIsRefusedByAMarketKey() {
        assertRefusedBy("bet_intents_market_of_event_fk|bet_intents_outcome_of_market_fk", user, session, event,
                Ids.newId(), outcome);
    }

    @Test
    void anUnknownOutcomeIsRefusedByTheOutcomeOfMarketKey() {
        assertRefusedBy("bet_intents_outcome_of_market_fk", user, session, event, market, Ids.newId());
    }

    @Test
    void anOddsVersionAnAcceptedIntentWasAcceptedAtCannotBeDeleted() {
        UUID seen = insert("INSERT INTO odds_versions (id, market_id, version_no, created_at, is_current) VALUES (?, ?, 2, now(), false)",
                market);
        jdbc.update("""
                INSERT INTO bet_intents (id, user_id, session_id, event_id, market_id, outcome_id, idempotency_key,
                    client_sent_at, server_received_at, accepted, acceptance_code, accepted_odds_version_id,
                    seen_odds_version_id, accept_odds)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, true, 'ACCEPTED', ?, ?, 'ANY')""",
                Ids.newId(), user, session, event, market, outcome, "k-" + UUID.randomUUID(), now, now, version, seen);
        DataIntegrityViolationException e = catchThrowableOfType(DataIntegrityViolationException.class,
                () -> jdbc.update("DELETE FROM odds_versions WHERE id = ?", version));
        assertThat(e).as("the accepted odds version must stay").isNotNull();
        assertThat(((PSQLException) e.getMostSpecificCause()).getServerErrorMessage().getConstraint())
                .isEqualTo("bet_intents_accepted_odds_version_id_fkey");
    }

    private void assertRefusedBy(String constraints, UUID user, UUID session, UUID event, UUID market, UUID outcome) {
        DataIntegrityViolationException e = catchThrowableOfType(DataIntegrityViolationException.class,
                () -> jdbc.update(INSERT, Ids.newId(), user, session, event, market, outcome, "k-" + UUID.randomUUID(),
                        now, now, version));
        assertThat(e).as("the intent must be refused").isNotNull();
        PSQLException cause = (PSQLException) e.getMostSpecificCause();
        assertThat(cause.getServerErrorMessage().getConstraint()).matches(constraints);
    }

    private UUID insert(String sql, Object... args) {
        UUID id = Ids.newId();
        Object[] all = new Object[args.length + 1];
        all[0] = id;
        System.arraycopy(args, 0, all, 1, args.length);
        jdbc.update(sql, all);
        return id;
    }
}
