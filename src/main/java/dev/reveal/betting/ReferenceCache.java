package dev.reveal.betting;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.reveal.betting.BetIntents.References;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The references a prediction is checked against before anything is written (which event a market belongs to, which
 * market an outcome and an odds version belong to) never change once the rows exist, so they are remembered after
 * the first read and need no invalidation. Only found rows are remembered: an id unknown now may exist later. Draft
 * markets edited away are the one exception; {@link #forget} drops them when a write cannot find their odds. The
 * mutable facts (statuses, lock times, current odds) are never cached: the decision reads them under a share lock,
 * once per batch. Sessions and their owners are the players' (players.SessionDirectory).
 */
@Component
class ReferenceCache {

    private final BetIntents intents;
    private final boolean enabled;
    private final Cache<UUID, UUID> marketEvents = Caffeine.newBuilder().maximumSize(50_000).build();
    private final Cache<UUID, UUID> outcomeMarkets = Caffeine.newBuilder().maximumSize(200_000).build();
    private final Cache<UUID, UUID> versionMarkets = Caffeine.newBuilder().maximumSize(200_000).build();

    ReferenceCache(BetIntents intents, BettingProperties properties) {
        this.intents = intents;
        this.enabled = properties.referenceCache().enabled();
    }

    References of(UUID marketId, UUID outcomeId, UUID oddsVersionId) {
        if (!enabled) {
            return intents.references(marketId, outcomeId, oddsVersionId);
        }
        UUID event = marketEvents.getIfPresent(marketId);
        UUID outcomeMarket = outcomeMarkets.getIfPresent(outcomeId);
        UUID versionMarket = versionMarkets.getIfPresent(oddsVersionId);
        if (event != null && outcomeMarket != null && versionMarket != null) {
            return new References(event, outcomeMarket, versionMarket);
        }
        References read = intents.references(marketId, outcomeId, oddsVersionId);
        remember(marketEvents, marketId, read.marketEventId());
        remember(outcomeMarkets, outcomeId, read.outcomeMarketId());
        remember(versionMarkets, oddsVersionId, read.oddsVersionMarketId());
        return read;
    }

    void forget(UUID marketId, UUID outcomeId, UUID oddsVersionId) {
        marketEvents.invalidate(marketId);
        outcomeMarkets.invalidate(outcomeId);
        versionMarkets.invalidate(oddsVersionId);
    }

    private static void remember(Cache<UUID, UUID> cache, UUID id, UUID found) {
        if (found != null) {
            cache.put(id, found);
        }
    }
}
