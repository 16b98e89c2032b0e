package dev.reveal.demo;

import dev.reveal.catalog.CreateEventRequest;
import dev.reveal.platform.Ids;
import dev.reveal.platform.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Loads demo events through the service's own operator API, so they are validated, audited and announced like
 * any operator's. Source refs make loading idempotent: instances starting together, or a restart, replay the same
 * batch instead of adding one.
 */
@Service
class DemoContent {

    private static final Logger log = LoggerFactory.getLogger(DemoContent.class);
    /** Batches are keyed by this slot of the load time, so restarts within it replay the same requests. */
    private static final Duration SLOT = Duration.ofMinutes(5);

    private final DemoApi api;
    private final DemoEvents demoEvents;
    private final Clock clock;
    private final DemoProperties props;
    private final DemoClipKey clipKey;

    DemoContent(DemoApi api, DemoEvents demoEvents, Clock clock, DemoProperties props, DemoClipKey clipKey) {
        this.api = api;
        this.demoEvents = demoEvents;
        this.clock = clock;
        this.props = props;
        this.clipKey = clipKey;
    }

    /**
     * Where the service reaches itself (its own API, and the shipped clips for the ingest) and with which token.
     * Never where a browser reached it: players get relative URLs to renditions the service serves, so the Host
     * header of a request never ends up in stored content.
     */
    record Target(String serviceUrl, String operatorToken) {
    }

    /** At start: a batch unless open demo events still leave a newcomer time to predict. */
    List<UUID> loadIfNeeded(Target target) {
        Instant now = clock.instant();
        if (demoEvents.hasOpenLockingAfter(now.plus(Duration.ofMinutes(2)))) {
            log.info("demo events are already open; nothing loaded");
            return List.of();
        }
        Instant slot = Instant.ofEpochSecond(now.getEpochSecond() / SLOT.toSeconds() * SLOT.toSeconds());
        return load("s" + slot.getEpochSecond(), slot.plus(SLOT).plus(props.lockAfter()), target);
    }

    /**
     * A fresh batch now, whatever exists ("reload demo" in the console). Two reloads within one second are two
     * batches too: the batch name carries a random part, not only the second.
     */
    List<UUID> reload(Target target) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String batch = "r" + now.getEpochSecond() + "-" + Ids.newId().toString().substring(24);
        return load(batch, now.plus(props.lockAfter()), target);
    }

    List<UUID> load(String batch, Instant firstLock, Target target) {
        for (String clip : DemoCatalog.clips()) {
            DemoClip.shippedDurationMs(clip).orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND,
                    "DEMO_CLIP_MISSING", "this build ships no demo clip " + DemoClip.ROOT + clip));
        }
        seedKeys(target);
        String source = stripSlash(target.serviceUrl()) + DemoClipController.PATH + clipKey.value() + "/";
        boolean posters = DemoCatalog.clips().stream().allMatch(DemoClip::hasPoster);
        List<UUID> loaded = new ArrayList<>();
        for (CreateEventRequest request : DemoCatalog.batch(batch, firstLock, source,
                clip -> DemoClip.shippedDurationMs(clip).orElseThrow(), posters)) {
            // 201 created, 200 the same batch replayed
            JsonNode event = expect(api.post(target.serviceUrl(), "/admin/v1/events", request, target.operatorToken()),
                    "create " + request.sourceRef(), 200, 201);
            UUID id = UUID.fromString(event.get("id").asString());
            if ("DRAFT".equals(event.get("status").asString())) {
                // 409: another instance loading the same batch published it first
                expect(api.post(target.serviceUrl(), "/admin/v1/events/" + id + "/publish", null, target.operatorToken()),
                        "publish " + id, 200, 409);
            }
            loaded.add(id);
        }
        log.info("demo batch {}: {} events, first locking at {}", batch, loaded.size(), firstLock);
        return loaded;
    }

    /** Creates the texts the demo events use; a key that exists (409) keeps whatever an operator made of it. */
    private void seedKeys(Target target) {
        DemoCatalog.KEYS.forEach((key, values) -> expect(api.post(target.serviceUrl(), "/admin/v1/localization-keys",
                Map.of("keyName", key, "description", "demo content", "values", values), target.operatorToken()),
                "create key " + key, 201, 409));
    }

    private static JsonNode expect(DemoApi.Answer answer, String what, int... accepted) {
        for (int status : accepted) {
            if (answer.status() == status) {
                return answer.body();
            }
        }
        throw new IllegalStateException("demo content: " + what + " answered " + answer.status() + " " + answer.body());
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
