package dev.reveal.platform;

import java.util.Objects;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who performs an action: a player (by external ref), an operator (by token subject) or the system. */
public record Actor(Type type, String id) {

    public enum Type { PLAYER, OPERATOR, SYSTEM }

    public static final String OPERATOR_AUTHORITY = "ROLE_OPERATOR";

    public Actor {
        Objects.requireNonNull(type, "type");
        if (type != Type.SYSTEM) {
            Objects.requireNonNull(id, "id");
        }
    }

    public static Actor system() {
        return new Actor(Type.SYSTEM, null);
    }

    /** The authenticated caller of the current request; operators win over players when a token has both. */
    public static Actor current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth.getName() == null) {
            throw new IllegalStateException("no authenticated caller on this thread");
        }
        boolean operator = auth.getAuthorities().stream().anyMatch(a -> OPERATOR_AUTHORITY.equals(a.getAuthority()));
        return new Actor(operator ? Type.OPERATOR : Type.PLAYER, auth.getName());
    }
}
