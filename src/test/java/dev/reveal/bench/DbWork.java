package dev.reveal.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The database's work over one side, per row written: WAL records and full-page images (pg_stat_wal, which backends
 * flush when idle, so it is read 11 s after the side), WAL bytes (from the WAL position), transactions committed,
 * read-only ones included (pg_stat_database)
 * and MultiXacts created (pg_control_checkpoint, read right after a CHECKPOINT). Full-page images per row grow with the
 * table (more distinct leaf pages to touch first after the checkpoint), so the table's size at the start is given. Unlike the
 * rates, these do not depend on how busy the machine is, so they compare sides even on a shared machine.
 */
record DbWork(long walRecords, long walFpi, long walBytes, long commits, long nextMultixact, long tableRows) {

    /** Run right after a CHECKPOINT (so the MultiXact counter is current); null where the server does not say. */
    static DbWork snapshot(Connection c) {
        try (var rs = c.createStatement().executeQuery("""
                SELECT w.wal_records, w.wal_fpi, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint,
                       (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),
                       (SELECT next_multixact_id::text::bigint FROM pg_control_checkpoint()),
                       (SELECT reltuples::bigint FROM pg_class WHERE oid = 'bet_intents'::regclass)
                  FROM pg_stat_wal w""")) {
            rs.next();
            return new DbWork(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
        } catch (SQLException e) {
            return null;
        }
    }

    String perRow(DbWork before, long rows) {
        if (before == null || rows <= 0) {
            return "no database statistics";
        }
        double n = rows;
        return String.format(Locale.ROOT, "%,d rows into a table of %,d; per row: %.1f WAL records, %.2f full-page images, %.0f WAL bytes, "
                + "%.3f transactions, %.3f MultiXacts", rows, Math.max(0, before.tableRows), (walRecords - before.walRecords) / n, (walFpi - before.walFpi) / n,
                (walBytes - before.walBytes) / n, (commits - before.commits) / n, (nextMultixact - before.nextMultixact) / n);
    }

    /** Clears pg_stat_statements (when loaded) so that the next side's statements are its own. */
    static void resetStatements(Connection c) {
        try {
            c.createStatement().execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            c.createStatement().execute("SELECT pg_stat_statements_reset()");
        } catch (SQLException e) {
            // not loaded: nothing to clear
        }
    }

    /** The statements that took the most time since the reset, with their WAL, as table rows; empty when not loaded. */
    static java.util.List<String> topStatements(Connection c, int limit) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        try (var rs = c.createStatement().executeQuery("""
                SELECT calls, rows, round(total_exec_time::numeric, 0), round(mean_exec_time::numeric, 3),
                       wal_records, wal_fpi, wal_bytes, shared_blks_hit + shared_blks_read,
                       regexp_replace(left(query, 160), '\\s+', ' ', 'g')
                  FROM pg_stat_statements
                 WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                 ORDER BY total_exec_time DESC LIMIT %d""".formatted(limit))) {
            lines.add("| calls | rows | total ms | mean ms | WAL records | FPI | WAL bytes | buffers | statement |");
            lines.add("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            while (rs.next()) {
                lines.add(String.format(Locale.ROOT, "| %d | %d | %s | %s | %d | %d | %s | %d | `%s` |", rs.getLong(1),
                        rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getString(7),
                        rs.getLong(8), rs.getString(9).replace("|", "\\|")));
            }
        } catch (SQLException e) {
            lines.clear();
        }
        return lines;
    }
}
