package dev.reveal.bench;

import dev.reveal.platform.Ids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Benchmark content written straight into the service's database: open markets, players, the settlement fixture. */
final class Content {

    static final List<String> EVENT_TYPES = List.of("bench_view", "bench_tap", "bench_scroll", "bench_play", "bench_share");

    record Market(UUID eventId, UUID marketId, UUID yes, UUID no, UUID oddsVersionId) {
    }

    record Player(UUID userId, UUID sessionId, String ref) {
    }

    private Content() {
    }

    static void labels(Connection c) throws SQLException {
        key(c, "bench.yes", "Yes");
        key(c, "bench.no", "No");
    }

    /** Open events, one YES/NO market each with current odds, locking in a day; one transaction. */
    static List<Market> openMarkets(Connection c, int count, String prefix) throws SQLException {
        Instant lockAt = Instant.now().plus(1, ChronoUnit.DAYS);
        List<Market> markets = new ArrayList<>();
        c.setAutoCommit(false);
        try {
            for (int i = 0; i < count; i++) {
                markets.add(market(c, "OPEN", lockAt, prefix + "-" + i));
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        return markets;
    }

    /** Takes a scenario's markets out of the feed once it is done (the feed keeps its own 50 open events). */
    static void retire(Connection c, List<Market> markets) throws SQLException {
        UUID[] events = markets.stream().map(Market::eventId).toArray(UUID[]::new);
        UUID[] ids = markets.stream().map(Market::marketId).toArray(UUID[]::new);
        update(c, "UPDATE markets SET status = 'VOID' WHERE id = ANY (?)", c.createArrayOf("uuid", ids));
        update(c, "UPDATE events SET status = 'CANCELLED' WHERE id = ANY (?)", c.createArrayOf("uuid", events));
    }

    static long intents(Connection c, List<Market> markets) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM bet_intents WHERE market_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("uuid", markets.stream().map(Market::marketId).toArray(UUID[]::new)));
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Share of ACCEPTED among the intents on these markets: the mix a side actually wrote. */
    static double acceptedShare(Connection c, List<Market> markets) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(avg(accepted::int), 0) FROM bet_intents WHERE market_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("uuid", markets.stream().map(Market::marketId).toArray(UUID[]::new)));
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    static Market market(Connection c, String status, Instant lockAt, String name) throws SQLException {
        String question = "bench.q." + name;
        key(c, question, "Will " + name + " go in?");
        UUID event = Ids.newId();
        update(c, """
                INSERT INTO events (id, sport_type, source_ref, title_en, title_sv, status, preview_start_ms, preview_end_ms,
                    reveal_start_ms, reveal_end_ms, lock_at, settle_at)
                VALUES (?, 'FOOTBALL', ?, ?, ?, ?, 0, 8000, 8000, 15000, ?, ?)
                """, event, "bench-" + name, "Penalty " + name, "Straff " + name, status, Timestamp.from(lockAt),
                Timestamp.from(lockAt.plus(1, ChronoUnit.HOURS)));
        update(c, """
                INSERT INTO event_media (id, event_id, media_type, hls_master_url, poster_url, duration_ms, preview_start_ms,
                    preview_end_ms, reveal_start_ms, reveal_end_ms)
                VALUES (?, ?, 'HLS', 'https://cdn.example/clip.m3u8', 'https://cdn.example/poster.jpg', 20000, 0, 8000, 8000, 15000)
                """, Ids.newId(), event);
        UUID market = Ids.newId();
        update(c, "INSERT INTO markets (id, event_id, question_key, market_type, status, lock_at) VALUES (?, ?, ?, 'YES_NO', ?, ?)",
                market, event, question, status, Timestamp.from(lockAt));
        UUID yes = Ids.newId();
        UUID no = Ids.newId();
        update(c, "INSERT INTO outcomes (id, market_id, outcome_code, label_key, sort_order) VALUES (?, ?, 'YES', 'bench.yes', 0)", yes, market);
        update(c, "INSERT INTO outcomes (id, market_id, outcome_code, label_key, sort_order) VALUES (?, ?, 'NO', 'bench.no', 1)", no, market);
        UUID version = Ids.newId();
        update(c, "INSERT INTO odds_versions (id, market_id, version_no, created_at, is_current) VALUES (?, ?, 1, now(), true)", version, market);
        update(c, "INSERT INTO outcome_odds (id, odds_version_id, outcome_id, decimal_odds, fractional_num, fractional_den) VALUES (?, ?, ?, 1.80, 4, 5)",
                Ids.newId(), version, yes);
        update(c, "INSERT INTO outcome_odds (id, odds_version_id, outcome_id, decimal_odds, fractional_num, fractional_den) VALUES (?, ?, ?, 2.00, 1, 1)",
                Ids.newId(), version, no);
        return new Market(event, market, yes, no, version);
    }

    /** Players with one open session each, started an hour ago. */
    static List<Player> players(Connection c, int count) throws SQLException {
        List<Player> players = new ArrayList<>();
        try (PreparedStatement users = c.prepareStatement(
                "INSERT INTO users (id, external_ref, created_at, device_platform) VALUES (?, ?, now(), 'IOS')");
             PreparedStatement sessions = c.prepareStatement("""
                     INSERT INTO sessions (id, user_id, started_at, experiment_variant, locale_code)
                     VALUES (?, ?, now() - interval '1 hour', ?, 'en')""")) {
            for (int i = 0; i < count; i++) {
                Player p = new Player(Ids.newId(), Ids.newId(), "bench-player-" + i);
                users.setObject(1, p.userId());
                users.setString(2, p.ref());
                users.addBatch();
                sessions.setObject(1, p.sessionId());
                sessions.setObject(2, p.userId());
                sessions.setString(3, i % 2 == 0 ? "control" : "treatment");
                sessions.addBatch();
                players.add(p);
            }
            users.executeBatch();
            sessions.executeBatch();
        }
        return players;
    }

    static void eventTypes(Connection c) throws SQLException {
        for (String name : EVENT_TYPES) {
            update(c, "INSERT INTO analytics_event_types (id, event_name, description) VALUES (?, ?, 'benchmark') ON CONFLICT DO NOTHING",
                    Ids.newId(), name);
        }
    }

    /**
     * A LOCKED market holding {@code total} intents: each reader has one accepted intent in it, and fixture players
     * have {@code perPlayer} intents each (one accepted, the rest ALREADY_PREDICTED). Set-based SQL.
     */
    static Market settlementFixture(Connection c, int total, int perPlayer, List<Player> readers, String name)
            throws SQLException {
        Market m = market(c, "LOCKED", Instant.now().minus(1, ChronoUnit.MINUTES), name);
        int fixturePlayers = Math.max(0, (total - readers.size()) / perPlayer);
        // Ids ascend like the application's UUIDv7s, so a million inserts append to the indexes instead of
        // scattering over them. The prefix keeps two fixtures in one database apart.
        String prefix = String.format("%08x", new java.util.Random().nextInt());
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE fx AS SELECT ('" + prefix + "-0000-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid AS uid, "
                    + "('" + prefix + "-0001-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid AS sid, g "
                    + "FROM generate_series(1, " + fixturePlayers + ") g");
            s.execute("INSERT INTO users (id, external_ref, created_at) SELECT uid, 'bench-" + name + "-' || g, now() FROM fx");
            s.execute("""
                    INSERT INTO sessions (id, user_id, started_at, experiment_variant, locale_code)
                    SELECT sid, uid, now() - interval '1 hour', 'control', 'en' FROM fx""");
        }
        String intents = """
                INSERT INTO bet_intents (id, user_id, session_id, event_id, market_id, outcome_id, idempotency_key,
                    client_sent_at, server_received_at, accepted, acceptance_code, accepted_odds_version_id,
                    seen_odds_version_id, accept_odds)
                SELECT (%s || lpad(to_hex(k), 3, '0') || '-' || lpad(to_hex(p.g), 12, '0'))::uuid, p.uid, p.sid, ?, ?, CASE WHEN (p.g + k) %% 2 = 0 THEN ?::uuid ELSE ?::uuid END,
                       'fx-' || k, now() - interval '10 minutes', now() - interval '10 minutes' + k * interval '1 ms',
                       k = 1, CASE WHEN k = 1 THEN 'ACCEPTED' ELSE 'ALREADY_PREDICTED' END,
                       CASE WHEN k = 1 THEN ?::uuid END, ?, 'EXACT'
                  FROM %s p, generate_series(1, %d) k
                 ORDER BY p.g, k
                """;
        try (PreparedStatement ps = c.prepareStatement(intents.formatted("'" + prefix + "-0002-7000-8'", "fx", perPlayer))) {
            bind(ps, m.eventId(), m.marketId(), m.yes(), m.no(), m.oddsVersionId(), m.oddsVersionId());
            ps.executeUpdate();
        }
        if (readers.isEmpty()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE fx");
            }
            return m;
        }
        try (PreparedStatement ps = c.prepareStatement(intents.formatted("'" + prefix + "-0003-7000-8'",
                "(SELECT * FROM unnest(?::uuid[], ?::uuid[]) WITH ORDINALITY AS r(uid, sid, g))", 1))) {
            UUID[] users = readers.stream().map(Player::userId).toArray(UUID[]::new);
            UUID[] sessions = readers.stream().map(Player::sessionId).toArray(UUID[]::new);
            bind(ps, m.eventId(), m.marketId(), m.yes(), m.no(), m.oddsVersionId(), m.oddsVersionId(),
                    c.createArrayOf("uuid", users), c.createArrayOf("uuid", sessions));
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE fx");
            s.execute("VACUUM ANALYZE bet_intents");
            s.execute("ANALYZE users");
            s.execute("ANALYZE sessions");
        }
        return m;
    }

    private static void key(Connection c, String key, String en) throws SQLException {
        UUID id = Ids.newId();
        update(c, "INSERT INTO localization_keys (id, key_name, description) VALUES (?, ?, 'benchmark')", id, key);
        update(c, "INSERT INTO localization_values (id, localization_key_id, locale_code, text_value) VALUES (?, ?, 'en', ?)",
                Ids.newId(), id, en);
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
