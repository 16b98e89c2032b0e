package dev.reveal.platform.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the after-commit reactions ({@code @ApplicationModuleListener}) from being lost: a reaction that failed is
 * run again on every tick until it completes, and completed publications are deleted once they are old enough to be
 * of no more use when looking into an incident. Publications cut off by a stop are republished at the next start
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}).
 */
@Component
class ReactionRetries {

    private final FailedEventPublications failed;
    private final CompletedEventPublications completed;
    private final Settings settings;

    ReactionRetries(FailedEventPublications failed, CompletedEventPublications completed, Settings settings) {
        this.failed = failed;
        this.completed = completed;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${reveal.events.retry-interval:30s}", initialDelayString = "${reveal.events.retry-interval:30s}")
    void retryFailed() {
        failed.resubmit(ResubmissionOptions.defaults());
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void deleteCompleted() {
        completed.deletePublicationsOlderThan(settings.keepCompleted());
    }

    /**
     * @param retryInterval how often failed reactions are run again
     * @param keepCompleted how long a completed publication stays in {@code event_publication}
     */
    @ConfigurationProperties("reveal.events")
    record Settings(@DefaultValue("30s") Duration retryInterval, @DefaultValue("7d") Duration keepCompleted) {
    }
}
