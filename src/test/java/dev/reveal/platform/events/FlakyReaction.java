package dev.reveal.platform.events;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A test-only after-commit reaction that fails the first {@code failures} times it sees a fact (found by the
 * component scan of the test classpath; it reacts to nothing but its own {@link Fact}).
 */
@Component
class FlakyReaction {

    record Fact(UUID id, int failures) {
    }

    private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @ApplicationModuleListener
    void on(Fact fact) {
        int attempt = attempts.computeIfAbsent(fact.id(), id -> new AtomicInteger()).incrementAndGet();
        if (attempt <= fact.failures()) {
            throw new IllegalStateException("failing on purpose, attempt " + attempt + " of fact " + fact.id());
        }
    }

    int attempts(UUID id) {
        AtomicInteger n = attempts.get(id);
        return n == null ? 0 : n.get();
    }
}
