package dev.reveal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.reveal.support.IntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reads PostgreSQL's catalog (not the migration text) to prove the schema keeps the seed's rules: every seed
 * table and column, UUID primary keys, timestamptz only, no JSON, foreign keys, the seed indexes, and the unique
 * keys the product relies on, each shown to reject a violating row.
 */
class SchemaConformanceTest extends IntegrationTest {

    static final Map<String, List<String>> SEED = new LinkedHashMap<>();

    static {
        SEED.put("users", List.of("id", "external_ref", "created_at", "preferred_language", "device_platform"));
        SEED.put("sessions", List.of("id", "user_id", "started_at", "ended_at", "experiment_variant", "app_version",
                "device_model", "os_version", "locale_code"));
        SEED.put("events", List.of("id", "sport_type", "source_ref", "title_en", "title_sv", "status", "preview_start_ms",
                "preview_end_ms", "reveal_start_ms", "reveal_end_ms", "lock_at", "settle_at"));
        SEED.put("event_media", List.of("id", "event_id", "media_type", "hls_master_url", "poster_url", "duration_ms",
                "preview_start_ms", "preview_end_ms", "reveal_start_ms", "reveal_end_ms"));
        SEED.put("markets", List.of("id", "event_id", "question_key", "market_type", "status", "lock_at",
                "settlement_rule_key"));
        SEED.put("outcomes", List.of("id", "market_id", "outcome_code", "label_key", "sort_order"));
        SEED.put("odds_versions", List.of("id", "market_id", "version_no", "created_at", "is_current"));
        SEED.put("outcome_odds", List.of("id", "odds_version_id", "outcome_id", "decimal_odds", "fractional_num",
                "fractional_den"));
        SEED.put("bet_intents", List.of("id", "user_id", "session_id", "event_id", "market_id", "outcome_id",
                "idempotency_key", "client_sent_at", "server_received_at", "accepted", "acceptance_code",
                "accepted_odds_version_id"));
        SEED.put("settlements", List.of("id", "market_id", "settled_at", "winning_outcome_id"));
        SEED.put("experiment_assignments", List.of("id", "user_id", "session_id", "variant", "assigned_at"));
        SEED.put("localization_keys", List.of("id", "key_name", "description"));
        SEED.put("localization_values", List.of("id", "localization_key_id", "locale_code", "text_value"));
        SEED.put("analytics_event_types", List.of("id", "event_name", "description"));
        SEED.put("analytics_events", List.of("id", "analytics_event_type_id", "session_id", "user_id", "occurred_at"));
        SEED.put("analytics_event_attributes", List.of("id", "analytics_event_id", "attribute_key", "attribute_value"));
        SEED.put("audit_logs", List.of("id", "created_at", "actor_type", "actor_id", "action_name", "target_type",
                "target_id", "trace_id", "note"));
        SEED.put("audit_log_attributes", List.of("id", "audit_log_id", "attribute_key", "attribute_value"));
    }

    static final List<String[]> SEED_INDEXES = List.of(
            new String[] {"sessions", "user_id"}, new String[] {"sessions", "started_at"},
            new String[] {"events", "status"}, new String[] {"markets", "event_id"}, new String[] {"markets", "lock_at"},
            new String[] {"bet_intents", "session_id"}, new String[] {"bet_intents", "market_id"},
            new String[] {"bet_intents", "idempotency_key"}, new String[] {"analytics_events", "session_id"},
            new String[] {"analytics_events", "user_id"}, new String[] {"analytics_events", "analytics_event_type_id"},
            new String[] {"audit_logs", "created_at"});

    @Autowired
    DataSource dataSource;

    @Test
    void everySeedTableHasEverySeedColumn() {
        SEED.forEach((table, columns) -> {
            List<String> actual = jdbc.queryForList("""
                    SELECT column_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name = ?
                    """, String.class, table);
            assertThat(actual).as("columns of %s", table).containsAll(columns);
        });
    }

    @Test
    void everyPrimaryKeyIsOneUuidColumnNamedId() {
        List<String> tables = applicationTables();
        // framework tables are held to the same rules: Spring Modulith's event publication registry (V80) included
        assertThat(tables).containsAll(SEED.keySet()).contains("event_publication");
        for (String table : tables) {
            List<Map<String, Object>> pk = jdbc.queryForList("""
                    SELECT a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type
                    FROM pg_constraint c
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
                    WHERE c.contype = 'p' AND c.conrelid = ('public.' || ?)::regclass
                    """, table);
            assertThat(pk).as("primary key of %s", table).hasSize(1);
            assertThat(pk.get(0)).containsEntry("column_name", "id").containsEntry("type", "uuid");
        }
    }

    @Test
    void noTimestampWithoutTimeZoneAndNoJsonAnywhere() {
        List<String> offenders = jdbc.queryForList("""
                SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'
                  AND data_type IN ('timestamp without time zone', 'json', 'jsonb', 'time without time zone')
                """, String.class);
        assertThat(offenders).isEmpty();
        List<String> timestamps = jdbc.queryForList("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND (column_name LIKE '%\\_at' ESCAPE '\\') AND data_type <> 'timestamp with time zone'
                """, String.class);
        assertThat(timestamps).as("*_at columns that are not timestamptz").isEmpty();
    }

    @Test
    void everyIdColumnNamingASeedTableHasAForeignKeyToIt() {
        List<String> checked = new ArrayList<>();
        for (String table : applicationTables()) {
            List<String> idColumns = jdbc.queryForList("""
                    SELECT column_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name = ? AND column_name LIKE '%\\_id' ESCAPE '\\'
                    """, String.class, table);
            for (String column : idColumns) {
                String target = referencedSeedTable(column);
                if (target == null) {
                    continue;
                }
                Integer fks = jdbc.queryForObject("""
                        SELECT count(*) FROM pg_constraint c
                        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
                        WHERE c.contype = 'f' AND c.conrelid = ('public.' || ?)::regclass
                          AND c.confrelid = ('public.' || ?)::regclass AND a.attname = ?
                        """, Integer.class, table, target, column);
                assertThat(fks).as("foreign key %s.%s -> %s", table, column, target).isPositive();
                checked.add(table + "." + column);
            }
        }
        assertThat(checked).contains("bet_intents.accepted_odds_version_id", "settlements.winning_outcome_id",
                "analytics_event_attributes.analytics_event_id", "audit_log_attributes.audit_log_id");
    }

    @Test
    void localizationKeysAreReferencedByName() {
        for (String[] ref : List.of(new String[] {"markets", "question_key"}, new String[] {"outcomes", "label_key"})) {
            Integer fks = jdbc.queryForObject("""
                    SELECT count(*) FROM pg_constraint c
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
                    JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = ANY (c.confkey)
                    WHERE c.contype = 'f' AND c.conrelid = ('public.' || ?)::regclass
                      AND c.confrelid = 'public.localization_keys'::regclass AND a.attname = ? AND r.attname = 'key_name'
                    """, Integer.class, ref[0], ref[1]);
            assertThat(fks).as("%s.%s -> localization_keys.key_name", ref[0], ref[1]).isEqualTo(1);
        }
    }

    @Test
    void everySeedIndexExists() {
        for (String[] index : SEED_INDEXES) {
            Integer found = jdbc.queryForObject("""
                    SELECT count(*) FROM pg_index i
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                    WHERE i.indrelid = ('public.' || ?)::regclass AND a.attname = ? AND i.indpred IS NULL
                    """, Integer.class, index[0], index[1]);
            assertThat(found).as("index on %s(%s)", index[0], index[1]).isPositive();
        }
    }

    @Test
    void uniqueAndPartialUniqueKeysRejectViolatingRows() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Fixture f = new Fixture(c);
                UUID user = f.insert("INSERT INTO users (id, external_ref, created_at) VALUES (?, ?, ?)", "u-" + UUID.randomUUID(), f.now);
                String ref = f.text("SELECT external_ref FROM users WHERE id = ?", user);
                rejects(c, "users_external_ref_uk", "INSERT INTO users (id, external_ref, created_at) VALUES (?, ?, ?)",
                        UUID.randomUUID(), ref, f.now);

                UUID session = f.insert("INSERT INTO sessions (id, user_id, started_at, experiment_variant, locale_code) VALUES (?, ?, ?, 'control', 'en')", user, f.now);
                String key = "schema.test." + Math.abs(UUID.randomUUID().getMostSignificantBits());
                UUID keyId = f.insert("INSERT INTO localization_keys (id, key_name) VALUES (?, ?)", key);
                rejects(c, "localization_keys_key_name_uk", "INSERT INTO localization_keys (id, key_name) VALUES (?, ?)", UUID.randomUUID(), key);
                f.insert("INSERT INTO localization_values (id, localization_key_id, locale_code, text_value) VALUES (?, ?, 'en', 'Q')", keyId);
                rejects(c, "localization_values_key_locale_uk",
                        "INSERT INTO localization_values (id, localization_key_id, locale_code, text_value) VALUES (?, ?, 'en', 'Q2')",
                        UUID.randomUUID(), keyId);

                Timestamp lock = Timestamp.from(Instant.now().plusSeconds(3600));
                Timestamp settle = Timestamp.from(Instant.now().plusSeconds(7200));
                UUID event = f.insert("""
                        INSERT INTO events (id, sport_type, title_en, status, preview_start_ms, preview_end_ms, reveal_start_ms,
                            reveal_end_ms, lock_at, settle_at) VALUES (?, 'FOOTBALL', 'Test', 'OPEN', 0, 1000, 1000, 2000, ?, ?)
                        """, lock, settle);
                UUID market = f.insert("INSERT INTO markets (id, event_id, question_key, market_type, status, lock_at) VALUES (?, ?, ?, 'YES_NO', 'OPEN', ?)",
                        event, key, lock);
                UUID yes = f.insert("INSERT INTO outcomes (id, market_id, outcome_code, label_key, sort_order) VALUES (?, ?, 'YES', ?, 0)", market, key);
                f.insert("INSERT INTO outcomes (id, market_id, outcome_code, label_key, sort_order) VALUES (?, ?, 'NO', ?, 1)", market, key);
                rejects(c, "outcomes_market_code_uk",
                        "INSERT INTO outcomes (id, market_id, outcome_code, label_key, sort_order) VALUES (?, ?, 'YES', ?, 2)",
                        UUID.randomUUID(), market, key);

                UUID v1 = f.insert("INSERT INTO odds_versions (id, market_id, version_no, created_at, is_current) VALUES (?, ?, 1, ?, true)", market, f.now);
                rejects(c, "odds_versions_market_version_uk",
                        "INSERT INTO odds_versions (id, market_id, version_no, created_at, is_current) VALUES (?, ?, 1, ?, false)",
                        UUID.randomUUID(), market, f.now);
                rejects(c, "odds_versions_one_current_uk",
                        "INSERT INTO odds_versions (id, market_id, version_no, created_at, is_current) VALUES (?, ?, 2, ?, true)",
                        UUID.randomUUID(), market, f.now);
                f.insert("INSERT INTO outcome_odds (id, odds_version_id, outcome_id, decimal_odds, fractional_num, fractional_den) VALUES (?, ?, ?, 2.5, 3, 2)", v1, yes);
                rejects(c, "outcome_odds_version_outcome_uk",
                        "INSERT INTO outcome_odds (id, odds_version_id, outcome_id, decimal_odds, fractional_num, fractional_den) VALUES (?, ?, ?, 2.5, 3, 2)",
                        UUID.randomUUID(), v1, yes);
                rejects(c, "outcome_odds_decimal_ck",
                        "INSERT INTO outcome_odds (id, odds_version_id, outcome_id, decimal_odds, fractional_num, fractional_den) VALUES (?, ?, ?, 1.0, 1, 1)",
                        UUID.randomUUID(), v1, yes);

                String intent = """
                        INSERT INTO bet_intents (id, user_id, session_id, event_id, market_id, outcome_id, idempotency_key,
                            client_sent_at, server_received_at, accepted, acceptance_code, accepted_odds_version_id,
                            seen_odds_version_id, accept_odds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'EXACT')
                        """;
                f.insert(intent, user, session, event, market, yes, "k1", f.now, f.now, true, "ACCEPTED", v1, v1);
                rejects(c, "bet_intents_user_key_uk", intent, UUID.randomUUID(), user, session, event, market, yes, "k1",
                        f.now, f.now, false, "MARKET_LOCKED", null, v1);
                rejects(c, "bet_intents_one_accepted_per_market_uk", intent, UUID.randomUUID(), user, session, event, market,
                        yes, "k2", f.now, f.now, true, "ACCEPTED", v1, v1);
                rejects(c, "bet_intents_accepted_matches_code_ck", intent, UUID.randomUUID(), user, session, event, market,
                        yes, "k3", f.now, f.now, true, "MARKET_LOCKED", v1, v1);

                f.insert("INSERT INTO settlements (id, market_id, settled_at, winning_outcome_id) VALUES (?, ?, ?, ?)", market, f.now, yes);
                rejects(c, "settlements_market_uk", "INSERT INTO settlements (id, market_id, settled_at, winning_outcome_id) VALUES (?, ?, ?, ?)",
                        UUID.randomUUID(), market, f.now, yes);

                f.insert("INSERT INTO experiment_assignments (id, user_id, session_id, variant, assigned_at) VALUES (?, ?, ?, 'control', ?)", user, session, f.now);
                rejects(c, "experiment_assignments_user_uk",
                        "INSERT INTO experiment_assignments (id, user_id, session_id, variant, assigned_at) VALUES (?, ?, ?, 'b', ?)",
                        UUID.randomUUID(), user, session, f.now);

                String eventName = "schema_test_" + Math.abs(UUID.randomUUID().getLeastSignificantBits());
                f.insert("INSERT INTO analytics_event_types (id, event_name) VALUES (?, ?)", eventName);
                rejects(c, "analytics_event_types_event_name_uk", "INSERT INTO analytics_event_types (id, event_name) VALUES (?, ?)",
                        UUID.randomUUID(), eventName);

                rejects(c, "events_windows_ck", """
                        INSERT INTO events (id, sport_type, title_en, preview_start_ms, preview_end_ms, reveal_start_ms,
                            reveal_end_ms, lock_at, settle_at) VALUES (?, 'FOOTBALL', 'T', 0, 1000, 900, 2000, ?, ?)
                        """, UUID.randomUUID(), lock, settle);
                rejects(c, "event_media_windows_in_duration_ck", """
                        INSERT INTO event_media (id, event_id, hls_master_url, duration_ms, preview_start_ms, preview_end_ms,
                            reveal_start_ms, reveal_end_ms) VALUES (?, ?, 'https://cdn/x.m3u8', 1500, 0, 1000, 1000, 2000)
                        """, UUID.randomUUID(), event);
                rejects(c, "events_status_ck", "UPDATE events SET status = 'PAUSED' WHERE id = ?", event);
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void auditRowsCannotBeChanged() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Fixture f = new Fixture(c);
                UUID log = f.insert("""
                        INSERT INTO audit_logs (id, created_at, actor_type, action_name, target_type, trace_id)
                        VALUES (?, ?, 'SYSTEM', 'TEST', 'EVENT', '0123456789abcdef0123456789abcdef')
                        """, f.now);
                try (PreparedStatement ps = c.prepareStatement("UPDATE audit_logs SET note = 'x' WHERE id = ?")) {
                    ps.setObject(1, log);
                    ps.executeUpdate();
                    fail("audit row was updated");
                } catch (PSQLException e) {
                    assertThat(e.getMessage()).contains("append-only");
                }
            } finally {
                c.rollback();
            }
        }
    }

    private List<String> applicationTables() {
        return jdbc.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'
                """, String.class);
    }

    /** "winning_outcome_id" names outcomes, "analytics_event_id" analytics_events: the longest table suffix wins. */
    private static String referencedSeedTable(String column) {
        String stem = column.substring(0, column.length() - "_id".length());
        String best = null;
        int bestLength = 0;
        for (String table : SEED.keySet()) {
            String singular = table.endsWith("s") ? table.substring(0, table.length() - 1) : table;
            boolean names = stem.equals(singular) || stem.endsWith("_" + singular);
            if (names && singular.length() > bestLength) {
                best = table;
                bestLength = singular.length();
            }
        }
        return best;
    }

    private static void rejects(Connection c, String constraint, String sql, Object... args) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
            fail("expected " + constraint + " to reject: " + sql);
        } catch (PSQLException e) {
            assertThat(e.getServerErrorMessage()).isNotNull();
            assertThat(e.getServerErrorMessage().getConstraint()).as(e.getMessage()).isEqualTo(constraint);
        } finally {
            c.rollback(sp);
        }
    }

    /** Inserts rows with a fresh UUID as the first parameter and returns it. */
    private static final class Fixture {
        final Connection c;
        final Timestamp now = Timestamp.from(Instant.now());

        Fixture(Connection c) {
            this.c = c;
        }

        UUID insert(String sql, Object... args) throws SQLException {
            UUID id = Ids.newId();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, id);
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 2, args[i]);
                }
                ps.executeUpdate();
            }
            return id;
        }

        String text(String sql, UUID id) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, id);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        }
    }
}
