package dev.reveal.live;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
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
    private final int bufferPerConnection;
    private final int replayCapacity;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final Deque<LiveMessage> recent = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Subscriber.Hooks hooks;
    private final Frame hello;
    private final Frame resumed;
    private final Frame tooFarBehind;

    LiveHub(LiveContent content, JsonMapper json, MeterRegistry meters,
            @Value("${reveal.live.buffer-per-connection:256}") int bufferPerConnection,
            @Value("${reveal.live.replay-capacity:2048}") int replayCapacity,
            @Value("${reveal.live.writers:32}") int platformWriters,
            @Value("${reveal.live.virtual-writers:true}") boolean virtualWriters) {
        this.content = content;
        this.json = json;
        this.hooks = new Subscriber.Hooks(bufferPerConnection, writers(platformWriters, virtualWriters), subscribers::remove,
                this::overflowed);
        this.hello = Frame.of(json, 0, "hello", Map.of("resumed", false));
        this.resumed = Frame.of(json, 0, "hello", Map.of("resumed", true));
        this.tooFarBehind = Frame.of(json, 0, "reset", Map.of("reason", "too far behind; reload the feed"));
        this.bufferPerConnection = bufferPerConnection;
        this.replayCapacity = replayCapacity;
        meters.gauge("reveal.live.subscribers", subscribers, Set::size);
        meters.more().counter("reveal.live.dropped", List.of(), dropped);
    }

    /**
     * Streams drain on a shared pool of writers, one task per stream while it has something to write, so a stalled
     * reader holds only its own task. On JDK 21+ each task is a virtual thread (a stalled one parks for nothing); on 17
     * at most {@code reveal.live.writers} platform threads (not one per stream: 2,000 streams once started ~100 writer
     * threads per fan-out, each with its stack), made as fan-outs need them and gone after 30 s idle. A reader stalled
     * on a full socket holds one of them until Tomcat's write timeout ({@code server.tomcat.connection-timeout}) drops
     * it, so the bound is set well above the handful of stalled readers one client could hold open at once.
     */
    private static Executor writers(int platformWriters, boolean virtualWriters) {
        if (virtualWriters && Runtime.version().feature() >= 21) {
            SimpleAsyncTaskExecutor virtual = new SimpleAsyncTaskExecutor("live-writer-");
            virtual.setVirtualThreads(true);
            return virtual;
        }
        AtomicLong n = new AtomicLong();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(platformWriters, platformWriters, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread t = new Thread(null, task, "live-writer-" + n.incrementAndGet(), 256 * 1024);
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Registers a stream and, when it resumes, first replays what it missed (or asks it to reload). Nothing is written
     * until the caller {@linkplain Subscriber#start() starts} it, once the request thread is done with the response.
     */
    Subscriber subscribe(String playerRef, Long lastEventId) {
        SseEmitter emitter = new SseEmitter(0L);
        Subscriber subscriber = new Subscriber(playerRef, emitter, hooks);
        emitter.onCompletion(subscriber::close);
        emitter.onTimeout(subscriber::close);
        emitter.onError(e -> subscriber.close());
        List<LiveMessage> missed;
        LiveMessage seen = null;
        synchronized (recent) {
            subscribers.add(subscriber);
            missed = lastEventId == null ? List.of() : missedSince(lastEventId / 2);
            if (missed != null && lastEventId != null && lastEventId % 2 == 0) {
                seen = find(lastEventId / 2);
            }
        }
        subscriber.offer(lastEventId == null ? hello : resumed);
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
    }

    private void deliver(LiveMessage message, List<Subscriber> targets) {
        Frame frame = Frame.of(json, LiveMessage.messageId(message.id()), message.type(), message.data());
        for (Subscriber s : targets) {
            s.offer(frame);
        }
        if (message.hasResults()) {
            deliverResults(message, targets);
        }
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

    private void overflowed() {
        dropped.incrementAndGet();
        log.info("dropped a live subscriber whose buffer of {} messages overflowed", bufferPerConnection);
    }

    @Scheduled(fixedDelayString = "${reveal.live.heartbeat:PT15S}")
    void heartbeat() {
        subscribers.forEach(s -> s.offer(Frame.HEARTBEAT));
    }

    /** Notices may have been missed: every subscriber should reload what it shows. */
    void resetAll() {
        Frame reset = Frame.of(json, 0, "reset", Map.of("reason", "updates were interrupted; reload"));
        subscribers.forEach(s -> s.offer(reset));
    }

    void closeAll() {
        List.copyOf(subscribers).forEach(Subscriber::close);
    }

    long droppedCount() {
        return dropped.get();
    }

    /** Whether the replay buffer holds at least {@code n} messages mentioning {@code text} (for tests). */
    boolean replayHas(String text, int n) {
        synchronized (recent) {
            return recent.stream().filter(m -> String.valueOf(m.data()).contains(text)).count() >= n;
        }
    }

    int subscriberCount() {
        return subscribers.size();
    }
}
