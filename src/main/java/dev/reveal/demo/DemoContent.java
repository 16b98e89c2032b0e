package dev.reveal.demo;

import dev.reveal.audit.AuditEntry;
import dev.reveal.audit.AuditLog;
import dev.reveal.catalog.CreateEventRequest;
import dev.reveal.catalog.EventService;
import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.EventView;
import dev.reveal.platform.Actor;
import dev.reveal.platform.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads demo events through the real event service, so they are validated, audited and announced like any
 * operator's. Source refs make loading idempotent: instances starting together, or a restart, replay the same
 * batch instead of adding one.
 */
@Service
class DemoContent {

    private static final Logger log = LoggerFactory.getLogger(DemoContent.class);
    /** Batches are keyed by this slot of the load time, so restarts within it replay the same requests. */
    private static final Duration SLOT = Duration.ofMinutes(5);

    private final EventService events;
    private final DemoEvents demoEvents;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DemoProperties props;

    DemoContent(EventService events, DemoEvents demoEvents, AuditLog audit, TransactionTemplate tx, Clock clock,
                DemoProperties props) {
        this.events = events;
        this.demoEvents = demoEvents;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.props = props;
    }

    /** At start: a batch unless open demo events still leave a newcomer time to predict. */
    List<EventView> loadIfNeeded(String baseUrl) {
        Instant now = clock.instant();
        if (demoEvents.hasOpenLockingAfter(now.plus(Duration.ofMinutes(2)))) {
            log.info("demo events are already open; nothing loaded");
            return List.of();
        }
        Instant slot = Instant.ofEpochSecond(now.getEpochSecond() / SLOT.toSeconds() * SLOT.toSeconds());
        return load("s" + slot.getEpochSecond(), slot.plus(SLOT).plus(props.lockAfter()), baseUrl, Actor.system());
    }

    /** A fresh batch now, whatever exists ("reload demo" in the console). */
    List<EventView> reload(String baseUrl, Actor actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return load("r" + now.getEpochSecond(), now.plus(props.lockAfter()), baseUrl, actor);
    }

    List<EventView> load(String batch, Instant firstLock, String baseUrl, Actor actor) {
        int clipMs = DemoClip.durationMs().orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                "DEMO_CLIP_MISSING", "this build ships no demo clip at static" + DemoClip.PATH));
        seedKeys(actor);
        List<EventView> loaded = new ArrayList<>();
        String base = stripSlash(baseUrl);
        String poster = DemoClip.hasPoster() ? base + DemoClip.POSTER_PATH : null;
        for (CreateEventRequest request : DemoCatalog.batch(batch, firstLock, base + DemoClip.PATH, poster, clipMs)) {
            EventView event = events.create(request, actor).event();
            if (event.status() == EventStatus.DRAFT) {
                event = publish(event, actor);
            }
            loaded.add(event);
        }
        log.info("demo batch {}: {} events, first locking at {}", batch, loaded.size(), firstLock);
        return loaded;
    }

    private EventView publish(EventView event, Actor actor) {
        try {
            return events.publish(event.id(), actor);
        } catch (ProblemException e) {
            // another instance loading the same batch published it first
            if (e.status() == HttpStatus.CONFLICT) {
                return events.get(event.id());
            }
            throw e;
        }
    }

    private void seedKeys(Actor actor) {
        tx.executeWithoutResult(s -> DemoCatalog.KEYS.forEach((key, values) -> demoEvents.insertKeyIfMissing(key, values)
                .ifPresent(id -> audit.record(AuditEntry.of(actor, "LOCALIZATION_KEY_CREATED", "LOCALIZATION_KEY", id)
                        .withNote("demo content").with("keyName", key)))));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
