package dev.reveal.bench;

import dev.reveal.bench.Content.Market;
import dev.reveal.bench.Content.Player;
import dev.reveal.platform.Ids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rows of one predictions scenario, identical in kind whoever writes them (the service over HTTP, or a
 * baseline straight into the table): on the scenario's own fresh markets, a share {@code acceptedShare} of rows is a
 * player's first prediction on a market (ACCEPTED: the partial unique index and the accepted-odds foreign key
 * apply), the rest a further prediction on a market the player already predicted (ALREADY_PREDICTED). Every side
 * therefore writes the same mix whatever its speed. Each client owns a slice of the players, so no two clients
 * race for a pair. Idempotency-Keys are random UUIDs, as clients make them (time-ordered keys would append to the key
 * index and flatter every side).
 */
final class PredictionRows {

    record Pick(Player player, Market market, UUID outcome, boolean first) {
    }

    private final List<Player> players;
    private final List<Market> markets;
    private final double acceptedShare;
    /** Per player; only the client owning the player's slice touches its list. */
    private final Map<UUID, List<Market>> predicted = new ConcurrentHashMap<>();
    private final AtomicLong exhausted = new AtomicLong();

    PredictionRows(List<Player> players, List<Market> markets, double acceptedShare) {
        this.players = players;
        this.markets = markets;
        this.acceptedShare = acceptedShare;
    }

    List<Market> markets() {
        return markets;
    }

    /** Rows that had to be ALREADY_PREDICTED because a client ran out of fresh pairs (the mix then drifted). */
    long exhausted() {
        return exhausted.get();
    }

    /** The picks of client {@code client} of {@code clients}. */
    Picks picks(int client, int clients, long seed) {
        List<Player> mine = new ArrayList<>();
        for (int i = client % players.size(); i < players.size(); i += clients) {
            mine.add(players.get(i));
        }
        return new Picks(mine, new SplittableRandom(seed * 31 + client));
    }

    final class Picks {
        private final List<Player> mine;
        private final SplittableRandom random;
        /** Pairs of this slice's players predicted so far in this scenario (by any earlier client of the slice too). */
        private final List<Pick> done = new ArrayList<>();
        private int freshCursor;

        private Picks(List<Player> mine, SplittableRandom random) {
            this.mine = mine;
            this.random = random;
            for (Player p : mine) {
                predicted.getOrDefault(p.userId(), List.of()).forEach(m -> done.add(new Pick(p, m, null, false)));
            }
        }

        Pick next() {
            if (!done.isEmpty() && random.nextDouble() >= acceptedShare) {
                return again();
            }
            // market-major over the slice: the next pair no side has predicted yet in this scenario
            int total = mine.size() * markets.size();
            while (freshCursor < total) {
                Player p = mine.get(freshCursor % mine.size());
                Market m = markets.get(freshCursor / mine.size());
                freshCursor++;
                List<Market> markets = predicted.computeIfAbsent(p.userId(), k -> new ArrayList<>());
                if (!markets.contains(m)) {
                    markets.add(m);
                    done.add(new Pick(p, m, null, false));
                    return new Pick(p, m, outcome(m), true);
                }
            }
            exhausted.incrementAndGet();
            return again();
        }

        /** A further prediction on a pair this slice has predicted: ALREADY_PREDICTED. */
        private Pick again() {
            Pick earlier = done.get(random.nextInt(done.size()));
            return new Pick(earlier.player(), earlier.market(), outcome(earlier.market()), false);
        }

        private UUID outcome(Market m) {
            return random.nextBoolean() ? m.yes() : m.no();
        }
    }

    static final String COLUMNS = """
            id, user_id, session_id, event_id, market_id, outcome_id, idempotency_key, client_sent_at,
            server_received_at, accepted, acceptance_code, accepted_odds_version_id, seen_odds_version_id, accept_odds""";

    /** The single-row baseline: one INSERT and one commit per row (autocommit), one connection per client. */
    static Load.Op singleRowInserts(Connection c, Picks picks) throws Exception {
        PreparedStatement ps = c.prepareStatement("INSERT INTO bet_intents (" + COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ANY')");
        return Load.closing(c, () -> {
            Pick p = picks.next();
            Timestamp now = Timestamp.from(Instant.now());
            ps.setObject(1, Ids.newId());
            ps.setObject(2, p.player().userId());
            ps.setObject(3, p.player().sessionId());
            ps.setObject(4, p.market().eventId());
            ps.setObject(5, p.market().marketId());
            ps.setObject(6, p.outcome());
            ps.setString(7, UUID.randomUUID().toString());
            ps.setTimestamp(8, now);
            ps.setTimestamp(9, now);
            ps.setBoolean(10, p.first());
            ps.setString(11, p.first() ? "ACCEPTED" : "ALREADY_PREDICTED");
            ps.setObject(12, p.first() ? p.market().oddsVersionId() : null, java.sql.Types.OTHER);
            ps.setObject(13, p.market().oddsVersionId());
            return ps.executeUpdate();
        });
    }

    /**
     * The batch baseline, what the table itself can absorb: {@code batch} rows per multi-row INSERT (from arrays, as
     * the service's own batch insert) and one commit per statement.
     */
    static Load.Op batchInserts(Connection c, Picks picks, int batch) throws Exception {
        PreparedStatement ps = c.prepareStatement("INSERT INTO bet_intents (" + COLUMNS + ") "
                + "SELECT *, 'ANY' FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], "
                + "?::timestamptz[], ?::timestamptz[], ?::bool[], ?::text[], ?::uuid[], ?::uuid[])");
        return Load.closing(c, () -> {
            Object[][] cols = new Object[13][batch];
            String now = Instant.now().toString();
            for (int i = 0; i < batch; i++) {
                Pick p = picks.next();
                cols[0][i] = Ids.newId();
                cols[1][i] = p.player().userId();
                cols[2][i] = p.player().sessionId();
                cols[3][i] = p.market().eventId();
                cols[4][i] = p.market().marketId();
                cols[5][i] = p.outcome();
                cols[6][i] = UUID.randomUUID().toString();
                cols[7][i] = now;
                cols[8][i] = now;
                cols[9][i] = p.first();
                cols[10][i] = p.first() ? "ACCEPTED" : "ALREADY_PREDICTED";
                cols[11][i] = p.first() ? p.market().oddsVersionId() : null;
                cols[12][i] = p.market().oddsVersionId();
            }
            String[] types = {"uuid", "uuid", "uuid", "uuid", "uuid", "uuid", "text", "timestamptz", "timestamptz", "bool",
                "text", "uuid", "uuid"};
            for (int k = 0; k < cols.length; k++) {
                ps.setArray(k + 1, c.createArrayOf(types[k], cols[k]));
            }
            return ps.executeUpdate();
        });
    }

    /** The request body the service gets for a pick. */
    static String body(Pick p) {
        return """
                {"sessionId":"%s","marketId":"%s","outcomeId":"%s","oddsVersionId":"%s","clientSentAt":"%s","acceptOdds":"ANY"}"""
                .formatted(p.player().sessionId(), p.market().marketId(), p.outcome(), p.market().oddsVersionId(),
                        Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
