package dev.reveal.players;

import dev.reveal.experiments.ExperimentAssignments;
import dev.reveal.platform.Ids;
import dev.reveal.platform.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class SessionService {

    /** users_external_ref_ck */
    private static final int MAX_EXTERNAL_REF = 255;

    private final Users users;
    private final Sessions sessions;
    private final ExperimentAssignments experiments;
    private final Clock clock;

    SessionService(Users users, Sessions sessions, ExperimentAssignments experiments, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.experiments = experiments;
        this.clock = clock;
    }

    @Transactional
    SessionView start(StartSession command) {
        if (command.externalRef().length() > MAX_EXTERNAL_REF) {
            throw Refusal.malformed("INVALID_SUBJECT", "the token subject is longer than " + MAX_EXTERNAL_REF);
        }
        Instant now = now();
        UUID userId = users.upsert(command.externalRef(), command.language(), command.platform(), now);
        String variant = experiments.variantFor(userId);
        UUID sessionId = Ids.newId();
        SessionView session = sessions.insert(sessionId, userId, command, variant, now);
        String stored = experiments.record(userId, sessionId, variant, now);
        if (!stored.equals(variant)) {
            // Two first sessions raced and the configuration changed in between: the stored assignment wins.
            sessions.changeVariant(sessionId, stored);
            session = sessions.findOwned(sessionId, command.externalRef()).orElseThrow();
        }
        return session;
    }

    @Transactional
    SessionView end(UUID sessionId, String externalRef) {
        return sessions.endIfOpen(sessionId, externalRef, now())
                .or(() -> sessions.findOwned(sessionId, externalRef))
                .orElseThrow(() -> Refusal.notFound("session", sessionId));
    }

    @Transactional(readOnly = true)
    SessionView get(UUID sessionId, String externalRef) {
        return sessions.findOwned(sessionId, externalRef)
                .orElseThrow(() -> Refusal.notFound("session", sessionId));
    }

    /** PostgreSQL keeps microseconds; truncating here makes the answer equal what a later read returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
