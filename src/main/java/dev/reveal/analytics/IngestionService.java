package dev.reveal.analytics;

import dev.reveal.platform.Refusal;
import dev.reveal.players.SessionDirectory;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class IngestionService {

    private final AnalyticsEvents analyticsEvents;
    private final AnalyticsEventTypeCatalog catalog;
    private final SessionDirectory sessions;
    private final Clock clock;

    IngestionService(AnalyticsEvents analyticsEvents, AnalyticsEventTypeCatalog catalog, SessionDirectory sessions,
            Clock clock) {
        this.analyticsEvents = analyticsEvents;
        this.catalog = catalog;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** One transaction and a fixed number of statements per batch, whatever its size. */
    @Transactional
    public IngestionResult ingest(IngestAnalyticsEvents command) {
        List<Refusal.FieldError> violations = IngestionRules.limitViolations(command.events());
        if (!violations.isEmpty()) {
            throw new Refusal(Refusal.Kind.TOO_LARGE, "BATCH_LIMIT_EXCEEDED",
                    "the batch is over the limits (at most " + IngestionRules.MAX_EVENTS + " events, "
                            + IngestionRules.MAX_ATTRIBUTES + " attributes each); nothing was stored",
                    violations, Map.of());
        }
        // Unknown and foreign sessions answer alike, so a player cannot probe for other players' session ids.
        SessionDirectory.SessionOwner session = sessions.sessionOf(command.sessionId(), command.playerRef())
                .orElseThrow(() -> Refusal.notFound("session", command.sessionId()));
        Map<String, UUID> typeIds = catalog.resolve(command.events().stream()
                .filter(Objects::nonNull)
                .map(IngestAnalyticsEvents.Item::eventName)
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
