package dev.reveal.demo;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the demo needs to know about its own rows: demo source refs start with {@code demo-}. */
@Repository
class DemoEvents {

    static final String SOURCE_REF_PREFIX = "demo-";

    private final JdbcClient jdbc;

    DemoEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether an open demo event still locks after {@code after}: then a newcomer has something to predict. */
    boolean hasOpenLockingAfter(Instant after) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM events
                               WHERE source_ref LIKE 'demo-%' AND status = 'OPEN' AND lock_at > ?)
                """).param(java.sql.Timestamp.from(after)).query(Boolean.class).single();
    }
}
