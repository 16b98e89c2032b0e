package dev.reveal.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The subscribers of this instance and the recent messages they may resume from. Messages keep the order in
 * which PostgreSQL delivered their notices, which is the same on every instance.
 */
@Component
class LiveHub {

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

    private final LiveContent content;
    private final JsonMapper json;
    private final int capacity;
    private final int replayCapacity;
    private final long writeTimeoutNanos;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final Deque<LiveMessage> recent = new ArrayDeque<>();
    private final Map<StreamEnd, Counter> ended = new EnumMap<>(StreamEnd.class);
    private final Timer fanOut;
    private final Frame hello;
    private final Frame resumed;
    private final Frame tooFarBehind;

    LiveHub(LiveContent content, JsonMapper json, MeterRegistry meters, LiveProperties properties) {
        this.content = content;
        this.json = json;
        this.capacity = properties.bufferPerConnection();
        this.replayCapacity = properties.replayCapacity();
        this.writeTimeoutNanos = properties.writeTimeout().toNanos();
        this.hello = Frame.of(json, 0, "hello", Map.of("resumed", false));
        this.resumed = Frame.of(json, 0, "hello", Map.of("resumed", true));
        this.tooFarBehind = Frame.of(json, 0, "reset", Map.of("reason", "too far behind; reload the feed"));
        meters.gauge("reveal.live.subscribers", subscribers, Set::size);
        for (StreamEnd why : StreamEnd.values()) {
            ended.put(why, Counter.builder("reveal.live.ended").description("streams ended, by why")
                    .tag("reason", why.name().toLowerCase(Locale.ROOT)).register(meters));
        }
        meters.more().counter("reveal.live.dropped", List.of(), ended, byWhy -> byWhy.entrySet().stream()
                .filter(e -> e.getKey().tooSlow()).mapToDouble(e -> e.getValue().count()).sum());
        this.fanOut = Timer.builder("reveal.live.fan-out")
                .description("a notice's content read and its frame written to (or queued on) every stream")
                .register(meters);
    }

    /**
     * Registers a stream and, when it resumes, first queues what it missed (or asks it to reload). {@code lastSeenId}
     * is the id of the last message the client received ({@code Last-Event-ID}), null for a fresh stream. Nothing is
     * written until the subscriber is {@linkplain Subscriber#open opened}.
     */
    Subscriber subscribe(String playerRef, Long lastSeenId) {
        Subscriber subscriber = new Subscriber(playerRef, this);
        List<LiveMessage> missed;
        LiveMessage seen = null;
        synchronized (recent) {
            subscribers.add(subscriber);
            missed = lastSeenId == null ? List.of() : missedSince(lastSeenId / 2);
            if (missed != null && lastSeenId != null && lastSeenId % 2 == 0) {
                seen = find(lastSeenId / 2);
            }
        }
        subscriber.offer(lastSeenId == null ? hello : resumed);
        if (missed == null) {
            subscriber.offer(tooFarBehind);
        } else {
            if (seen != null && seen.hasResults()) {
                deliverResults(seen, List.of(subscriber));
            }
            for (LiveMessage m : missed) {
                deliver(m, List.of(subscriber));
            }
        }
        return subscriber;
    }

    /** Null when the id is no longer (or never was) in the replay buffer. */
    private List<LiveMessage> missedSince(long sequence) {
        List<LiveMessage> after = new ArrayList<>();
        boolean found = false;
        for (LiveMessage m : recent) {
            if (found) {
                after.add(m);
            } else if (m.id() == sequence) {
                found = true;
            }
        }
        return found ? after : null;
    }

    private LiveMessage find(long sequence) {
        return recent.stream().filter(m -> m.id() == sequence).findFirst().orElse(null);
    }

    void dispatch(Notice notice) {
        long arrived = System.nanoTime();
        LiveMessage message = switch (notice.kind()) {
            case ODDS -> LiveMessage.broadcast(notice.id(), "odds", content.odds(notice));
            case MARKET -> notice.closesMarket()
                    ? LiveMessage.marketClosed(notice.id(), content.market(notice), notice.marketId())
                    : LiveMessage.broadcast(notice.id(), "market", content.market(notice));
            case EVENT -> LiveMessage.broadcast(notice.id(), "event", content.event(notice));
        };
        List<Subscriber> targets;
        synchronized (recent) {
            recent.addLast(message);
            while (recent.size() > replayCapacity) {
                recent.removeFirst();
            }
            targets = List.copyOf(subscribers);
        }
        deliver(message, targets);
        fanOut.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS);
    }

    private void deliver(LiveMessage message, List<Subscriber> targets) {
        offerAll(Frame.of(json, LiveMessage.messageId(message.id()), message.type(), message.data()), targets);
        if (message.hasResults()) {
            deliverResults(message, targets);
        }
    }

    /**
     * Every offer is a write to a socket, so a fan-out to 10,000 streams costs 10,000 system calls on this thread.
     * Splitting it over a thread per core measured slower on two cores (docs/perf.md, "Live streams at scale").
     */
    private static void offerAll(Frame frame, List<Subscriber> targets) {
        targets.forEach(s -> s.offer(frame));
    }

    /** Results are read when sent, so a replayed one says what is true now (after any correction). */
    private void deliverResults(LiveMessage message, List<Subscriber> targets) {
        Set<String> refs = targets.stream().map(Subscriber::playerRef).collect(Collectors.toSet());
        Map<String, LiveContent.Result> results = content.results(message.resultMarketId(), refs);
        for (Subscriber s : targets) {
            LiveContent.Result result = results.get(s.playerRef());
            if (result != null) {
                s.offer(Frame.of(json, LiveMessage.resultId(message.id()), "result", result));
            }
        }
    }

    int capacity() {
        return capacity;
    }

    long writeTimeoutNanos() {
        return writeTimeoutNanos;
    }

    void closed(Subscriber subscriber, StreamEnd why) {
        subscribers.remove(subscriber);
        ended.get(why).increment();
        if (why.tooSlow()) {
            log.info("dropped a live subscriber too slow to read: {} (more than {} messages behind, or its socket full "
                    + "for {} ms)", why, capacity, writeTimeoutNanos / 1_000_000);
        }
    }

    void heartbeat() {
        subscribers.forEach(s -> s.offer(Frame.HEARTBEAT));
    }

    /** Notices may have been missed: every subscriber should reload what it shows. */
    void resetAll() {
        Frame reset = Frame.of(json, 0, "reset", Map.of("reason", "updates were interrupted; reload"));
        subscribers.forEach(s -> s.offer(reset));
    }

    void closeAll() {
        List.copyOf(subscribers).forEach(s -> s.close(StreamEnd.SHUTDOWN));
    }
}
