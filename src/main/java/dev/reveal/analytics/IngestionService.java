package dev.reveal.analytics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.reveal.platform.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class IngestionService {

    private final AnalyticsEvents analyticsEvents;
    private final EventTypeCatalog catalog;
    private final Clock clock;
    /**
     * A session's owner, user and start never change, so a found session is remembered (by id, with the owner's
     * ref, so a foreign caller still misses): a batch then costs no lookup before its two inserts.
     */
    private final Cache<UUID, OwnedSession> sessions = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1)).build();

    private record OwnedSession(String playerRef, AnalyticsEvents.SessionOwner owner) {
    }

    private final boolean cacheSessions;

    IngestionService(AnalyticsEvents analyticsEvents, EventTypeCatalog catalog, Clock clock,
            @Value("${reveal.analytics.session-cache.enabled:true}") boolean cacheSessions) {
        this.analyticsEvents = analyticsEvents;
        this.catalog = catalog;
        this.clock = clock;
        this.cacheSessions = cacheSessions;
    }

    private Optional<AnalyticsEvents.SessionOwner> sessionOf(UUID sessionId, String playerRef) {
        if (!cacheSessions) {
            return analyticsEvents.sessionOf(sessionId, playerRef);
        }
        OwnedSession known = sessions.getIfPresent(sessionId);
        if (known != null) {
            return known.playerRef().equals(playerRef) ? Optional.of(known.owner()) : Optional.empty();
        }
        Optional<AnalyticsEvents.SessionOwner> read = analyticsEvents.sessionOf(sessionId, playerRef);
        read.ifPresent(owner -> sessions.put(sessionId, new OwnedSession(playerRef, owner)));
        return read;
    }

    /** One transaction and a fixed number of statements per batch, whatever its size. */
    @Transactional
    public IngestionResult ingest(IngestEvents command) {
        List<Refusal.FieldError> violations = IngestionRules.limitViolations(command.events());
        if (!violations.isEmpty()) {
            throw new Refusal(Refusal.Kind.TOO_LARGE, "BATCH_LIMIT_EXCEEDED",
                    "the batch is over the limits (at most " + IngestionRules.MAX_EVENTS + " events, "
                            + IngestionRules.MAX_ATTRIBUTES + " attributes each); nothing was stored",
                    violations, Map.of());
        }
        // Unknown and foreign sessions answer alike, so a player cannot probe for other players' session ids.
        AnalyticsEvents.SessionOwner session = sessionOf(command.sessionId(), command.playerRef())
                .orElseThrow(() -> Refusal.notFound("session", command.sessionId()));
        Map<String, UUID> typeIds = catalog.resolve(command.events().stream()
                .filter(Objects::nonNull)
                .map(IngestEvents.Item::eventName)
                .filter(IngestionRules::couldBeEventName)
                .toList());
        IngestionRules.Decision decision = IngestionRules.decide(command.events(), typeIds, clock.instant(),
                session.startedAt());
        if (!decision.accepted().isEmpty()) {
            analyticsEvents.insert(command.sessionId(), session.userId(), decision.accepted());
        }
        return new IngestionResult(decision.accepted().size(), decision.refused().size(), decision.refused());
    }
}
