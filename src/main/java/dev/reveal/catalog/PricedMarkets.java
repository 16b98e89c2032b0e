package dev.reveal.catalog;

import dev.reveal.odds.OddsMarkets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The catalog's answer to the odds area: a market locked through {@link Lifecycle}, and whether it takes prices. */
@Component
class PricedMarkets implements OddsMarkets {

    private final Lifecycle lifecycle;
    private final Markets markets;
    private final Clock clock;

    PricedMarkets(Lifecycle lifecycle, Markets markets, Clock clock) {
        this.lifecycle = lifecycle;
        this.markets = markets;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<PricedMarket> lockForPricing(UUID marketId) {
        return lifecycle.lockMarket(marketId).map(m -> {
            boolean lockPassed = m.lockPassed(clock.instant());
            MarketStatus named = lockPassed && !m.status().isClosed() ? MarketStatus.LOCKED : m.status();
            boolean takesPrices = !lockPassed && !m.status().isClosed() && m.status() != MarketStatus.LOCKED;
            return new PricedMarket(m.id(), m.eventId(), named.name(), takesPrices,
                    markets.outcomes(marketId).stream().map(o -> new Outcome(o.id(), o.code())).toList());
        });
    }

    @Override
    public boolean exists(UUID marketId) {
        return markets.eventOf(marketId).isPresent();
    }
}
