package dev.reveal.betting;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.reveal.betting.BetIntents.References;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The references a prediction is checked against before anything is written (whose session, which event a market
 * belongs to, which market an outcome and an odds version belong to) never change once the rows exist, so they are
 * remembered after the first read and need no invalidation. Only found rows are remembered: an id unknown now may
 * exist later. Draft markets edited away are the one exception; {@link #forget} drops them when a write cannot
 * find their odds. The mutable facts (statuses, lock times, current odds, session end) are never cached: the
 * decision reads them under a share lock, once per group-commit batch.
 */
@Component
class ReferenceCache {

    private record SessionRef(String owner, UUID userId) {
    }

    private final BetIntents intents;
    private final boolean enabled;
    private final Cache<UUID, SessionRef> sessions;
    private final Cache<UUID, UUID> marketEvents;
    private final Cache<UUID, UUID> outcomeMarkets;
    private final Cache<UUID, UUID> versionMarkets;

    ReferenceCache(BetIntents intents, @Value("${reveal.betting.reference-cache.enabled:true}") boolean enabled,
            @Value("${reveal.betting.reference-cache.max-sessions:200000}") long maxSessions) {
        this.intents = intents;
        this.enabled = enabled;
        this.sessions = Caffeine.newBuilder().maximumSize(maxSessions).expireAfterAccess(Duration.ofHours(1)).build();
        this.marketEvents = Caffeine.newBuilder().maximumSize(50_000).build();
        this.outcomeMarkets = Caffeine.newBuilder().maximumSize(200_000).build();
        this.versionMarkets = Caffeine.newBuilder().maximumSize(200_000).build();
    }

    References of(UUID sessionId, UUID marketId, UUID outcomeId, UUID oddsVersionId) {
        if (!enabled) {
            return intents.references(sessionId, marketId, outcomeId, oddsVersionId);
        }
        SessionRef session = sessions.getIfPresent(sessionId);
        UUID event = marketEvents.getIfPresent(marketId);
        UUID outcomeMarket = outcomeMarkets.getIfPresent(outcomeId);
        UUID versionMarket = versionMarkets.getIfPresent(oddsVersionId);
        if (session != null && event != null && outcomeMarket != null && versionMarket != null) {
            return new References(session.owner(), session.userId(), event, outcomeMarket, versionMarket);
        }
        References read = intents.references(sessionId, marketId, outcomeId, oddsVersionId);
        if (read.sessionOwner() != null) {
            sessions.put(sessionId, new SessionRef(read.sessionOwner(), read.sessionUserId()));
        }
        if (read.marketEventId() != null) {
            marketEvents.put(marketId, read.marketEventId());
        }
        if (read.outcomeMarketId() != null) {
            outcomeMarkets.put(outcomeId, read.outcomeMarketId());
        }
        if (read.oddsVersionMarketId() != null) {
            versionMarkets.put(oddsVersionId, read.oddsVersionMarketId());
        }
        return read;
    }

    void forget(UUID marketId, UUID outcomeId, UUID oddsVersionId) {
        marketEvents.invalidate(marketId);
        outcomeMarkets.invalidate(outcomeId);
        versionMarkets.invalidate(oddsVersionId);
    }
}
