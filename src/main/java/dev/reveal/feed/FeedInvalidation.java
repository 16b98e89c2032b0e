package dev.reveal.feed;

import dev.reveal.catalog.EventStatusChanged;
import dev.reveal.catalog.MarketStatusChanged;
import dev.reveal.odds.OddsPublished;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * After its transaction (or at once when published outside one), anything the feed shows retires the cache. This
 * instance's cache is no durable work: AFTER_COMPLETION keeps it out of the event publication registry (which
 * records after-commit reactions), and an eviction after a rollback only costs one rebuild.
 */
@Component
class FeedInvalidation {

    private final FeedService feed;

    FeedInvalidation(FeedService feed) {
        this.feed = feed;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION, fallbackExecution = true)
    void on(EventStatusChanged fact) {
        feed.invalidate();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION, fallbackExecution = true)
    void on(MarketStatusChanged fact) {
        feed.invalidate();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION, fallbackExecution = true)
    void on(OddsPublished fact) {
        feed.invalidate();
    }
}
