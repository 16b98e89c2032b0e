package dev.reveal.feed;

import dev.reveal.catalog.EventStatusChanged;
import dev.reveal.catalog.MarketStatusChanged;
import dev.reveal.odds.OddsPublished;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** After commit (or at once when published outside a transaction), anything the feed shows retires the cache. */
@Component
class FeedInvalidation {

    private final FeedService feed;

    FeedInvalidation(FeedService feed) {
        this.feed = feed;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(EventStatusChanged fact) {
        feed.invalidate();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(MarketStatusChanged fact) {
        feed.invalidate();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(OddsPublished fact) {
        feed.invalidate();
    }
}
