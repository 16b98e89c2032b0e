package dev.reveal.players;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What other areas may know of players and their sessions, without reading the players' tables. A session's owner,
 * user and start, and a user's id for an external ref, never change once the rows exist, so found ones are
 * remembered; unknown ids are not (they may exist later). Whether a session has ended changes once, so it is read
 * each time.
 */
@Component
public class SessionDirectory {

    /** A session and the player it belongs to. */
    public record SessionOwner(UUID sessionId, UUID userId, String externalRef, Instant startedAt) {

        public boolean ownedBy(String externalRef) {
            return this.externalRef.equals(externalRef);
        }
    }

    private final Sessions sessions;
    private final Users users;
    private final boolean enabled;
    private final Cache<UUID, SessionOwner> owners;
    private final Cache<String, UUID> userIds;

    SessionDirectory(Sessions sessions, Users users, PlayersProperties properties) {
        this.sessions = sessions;
        this.users = users;
        this.enabled = properties.sessionCache().enabled();
        long max = properties.sessionCache().maxSessions();
        this.owners = Caffeine.newBuilder().maximumSize(max).expireAfterAccess(Duration.ofHours(1)).build();
        this.userIds = Caffeine.newBuilder().maximumSize(max).expireAfterAccess(Duration.ofHours(1)).build();
    }

    /** The session and its owner; empty when no such session exists. */
    public Optional<SessionOwner> session(UUID sessionId) {
        if (!enabled) {
            return sessions.owner(sessionId);
        }
        // A loader's null is not remembered: an unknown session is read again next time.
        return Optional.ofNullable(owners.get(sessionId, id -> sessions.owner(id).map(owner -> {
            userIds.put(owner.externalRef(), owner.userId());
            return owner;
        }).orElse(null)));
    }

    /** The session when it belongs to this player; another player's looks unknown. */
    public Optional<SessionOwner> sessionOf(UUID sessionId, String externalRef) {
        return session(sessionId).filter(owner -> owner.ownedBy(externalRef));
    }

    /** The user id of this external ref; empty for a player never seen (who has no session yet). */
    public Optional<UUID> userId(String externalRef) {
        if (!enabled) {
            return users.idOf(externalRef);
        }
        return Optional.ofNullable(userIds.get(externalRef, ref -> users.idOf(ref).orElse(null)));
    }

    /** Those of these sessions that have ended, as of this statement (in the caller's transaction). */
    public Set<UUID> ended(Collection<UUID> sessionIds) {
        return sessionIds.isEmpty() ? Set.of() : sessions.ended(sessionIds);
    }
}
