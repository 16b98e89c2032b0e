package dev.reveal.live;

import dev.reveal.catalog.EventStatusChanged;
import dev.reveal.catalog.MarketStatusChanged;
import dev.reveal.odds.OddsPublished;
import dev.reveal.settlement.MarketSettled;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Turns facts into NOTIFYs inside the changing transaction: PostgreSQL delivers them to every instance's listener
 * only when that transaction commits, so a rolled-back change is never announced.
 */
@Component
class LiveNotifier {

    static final String CHANNEL = "reveal_live";

    private final JdbcTemplate jdbc;

    LiveNotifier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(OddsPublished fact) {
        notify(Notice.odds(fact.marketId(), fact.eventId(), fact.oddsVersionId()));
    }

    @EventListener
    void on(MarketStatusChanged fact) {
        notify(Notice.market(fact.marketId(), fact.eventId(), fact.newStatus().name()));
    }

    /** A correction changes no status, yet every predictor's result and every view of the market change with it. */
    @EventListener
    void on(MarketSettled fact) {
        if (fact.correction()) {
            notify(Notice.market(fact.marketId(), fact.eventId(), Notice.CORRECTED));
        }
    }

    @EventListener
    void on(EventStatusChanged fact) {
        notify(Notice.event(fact.eventId(), fact.newStatus().name()));
    }

    private void notify(Notice notice) {
        jdbc.queryForList("SELECT pg_notify(?, nextval('live_event_seq') || '|' || ?)", CHANNEL, notice.encode());
    }
}
