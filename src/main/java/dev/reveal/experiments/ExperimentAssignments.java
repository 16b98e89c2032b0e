package dev.reveal.experiments;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The variant each user sees. The first assignment is stored once per user and wins forever after, so a user
 * keeps their variant even when the weights or salt change later.
 */
@Service
public class ExperimentAssignments {

    private static final Logger log = LoggerFactory.getLogger(ExperimentAssignments.class);

    private final Assignments assignments;
    private final VariantAssigner assigner;
    private final String controlVariant;

    ExperimentAssignments(Assignments assignments, ExperimentsProperties properties) {
        this.assignments = assignments;
        this.assigner = new VariantAssigner(properties.salt(), VariantAssigner.parse(properties.variants()));
        this.controlVariant = properties.control();
        if (assigner.variants().stream().noneMatch(v -> v.name().equals(controlVariant))) {
            log.warn("reveal.experiments.control '{}' is not one of the configured variants {}", controlVariant,
                    properties.variants());
        }
    }

    /** The stored variant of the user, or the one the hash gives for a user never assigned. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String variantFor(UUID userId) {
        Optional<String> stored = assignments.variantOf(userId);
        return stored.orElseGet(() -> assigner.variantFor(userId));
    }

    /**
     * Records the assignment made at the user's first session; later calls change nothing and return the variant
     * that was stored first (also when two first sessions race).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public String record(UUID userId, UUID sessionId, String variant, Instant at) {
        return assignments.insertIfAbsent(userId, sessionId, variant, at)
                .orElseGet(() -> assignments.variantOf(userId).orElseThrow());
    }

    public String controlVariant() {
        return controlVariant;
    }
}
