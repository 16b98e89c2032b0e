package dev.reveal.platform.database;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Hikari already drops a connection on a broken link (SQLSTATE class 08, 57P); after a failover a pooled connection
 * can also be alive but land on a node that became a standby (through a PgBouncer whose node was demoted): its writes
 * fail with 25006 (read-only transaction), and the connection must go so the next one finds the new primary.
 */
public class EvictOnFailover implements SQLExceptionOverride {

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        return "25006".equals(e.getSQLState()) ? SQLExceptionOverride.Override.MUST_EVICT
                : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
