package dev.reveal.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The database's work over one side, per row written: WAL records and full-page images (pg_stat_wal, which backends
 * flush when idle, so it is read 11 s after the side), WAL bytes (from the WAL position), transactions committed,
 * read-only ones included (pg_stat_database)
 * and MultiXacts created (pg_control_checkpoint, read right after a CHECKPOINT). Unlike the
 * rates, these do not depend on how busy the machine is, so they compare sides even on a shared machine.
 */
record DbWork(long walRecords, long walFpi, long walBytes, long commits, long nextMultixact) {

    /** Run right after a CHECKPOINT (so the MultiXact counter is current); null where the server does not say. */
    static DbWork snapshot(Connection c) {
        try (var rs = c.createStatement().executeQuery("""
                SELECT w.wal_records, w.wal_fpi, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint,
                       (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),
                       (SELECT next_multixact_id::text::bigint FROM pg_control_checkpoint())
                  FROM pg_stat_wal w""")) {
            rs.next();
            return new DbWork(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
        } catch (SQLException e) {
            return null;
        }
    }

    String perRow(DbWork before, long rows) {
        if (before == null || rows <= 0) {
            return "no database statistics";
        }
        double n = rows;
        return String.format(Locale.ROOT, "%,d rows; per row: %.1f WAL records, %.2f full-page images, %.0f WAL bytes, "
                + "%.3f transactions, %.3f MultiXacts", rows, (walRecords - before.walRecords) / n, (walFpi - before.walFpi) / n,
                (walBytes - before.walBytes) / n, (commits - before.commits) / n, (nextMultixact - before.nextMultixact) / n);
    }
}
