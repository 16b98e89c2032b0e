package dev.reveal.odds;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What publishing odds needs of a market, answered by the market's owner (the catalog implements this; the
 * catalog depends on odds, so odds asks through this interface rather than calling the catalog). Locking the market
 * here, in the owner's lock order, is what makes publishes on one market run one after another.
 */
public interface OddsMarkets {

    /** The market, row-locked until the transaction ends; empty when there is no such market. */
    Optional<PricedMarket> lockForPricing(UUID marketId);

    boolean exists(UUID marketId);

    /**
     * {@code status} is the market's status as a refusal names it (LOCKED once its lock time has passed);
     * {@code takesPrices}: not yet locked, settled or void.
     */
    record PricedMarket(UUID id, UUID eventId, String status, boolean takesPrices, List<Outcome> outcomes) {
    }

    record Outcome(UUID id, String code) {
    }
}
