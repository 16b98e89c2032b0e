package dev.reveal.live;

import java.io.IOException;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open stream. Messages wait in a bounded queue and are written by a task of their own on a shared, bounded pool
 * of writers, so a client that reads slowly holds only its own task; when its queue overflows it is dropped, never
 * slowing the others. Messages arrive as finished SSE frames ({@link Frame}), rendered once for every stream.
 *
 * <p>The writer starts only when {@link #start()} is called after the request thread has left the filter chain
 * ({@link StreamGate}): until then that thread still writes the response's headers (security headers, trace
 * header), and a second thread committing the response meanwhile corrupted Tomcat's header list (issue 13).
 *
 * <p>Kept small on purpose (tens of thousands live at once): an empty queue is a few dozen bytes, the state is one int.
 */
final class Subscriber {

    private static final MediaType UTF8_TEXT = new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);

    private static final int STARTED = 1;
    private static final int DRAINING = 2;
    private static final int CLOSED = 4;
    private static final int COMPLETED = 8;

    private final String playerRef;
    private final SseEmitter emitter;
    private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger state = new AtomicInteger();
    private final Hooks hooks;

    /** What every subscriber of a hub shares: its capacity, writers and the callbacks to the hub. */
    record Hooks(int capacity, Executor writer, java.util.function.Consumer<Subscriber> onClose, Runnable onOverflow) {
    }

    Subscriber(String playerRef, SseEmitter emitter, Hooks hooks) {
        this.playerRef = playerRef;
        this.emitter = emitter;
        this.hooks = hooks;
    }

    SseEmitter emitter() {
        return emitter;
    }

    /** Lets the writer run: called once the request thread no longer touches the response. */
    void start() {
        if (set(STARTED)) {
            if (has(CLOSED)) {
                complete();
            } else {
                schedule();
            }
        }
    }

    private void schedule() {
        if (has(STARTED) && !has(CLOSED) && queued.get() > 0 && set(DRAINING)) {
            hooks.writer().execute(this::drain);
        }
    }

    String playerRef() {
        return playerRef;
    }

    boolean isClosed() {
        return has(CLOSED);
    }

    /** Queues a message; false (and the subscriber closed) when its buffer is full. */
    boolean offer(Frame frame) {
        if (has(CLOSED)) {
            return false;
        }
        if (queued.incrementAndGet() > hooks.capacity()) {
            hooks.onOverflow().run();
            close();
            return false;
        }
        queue.add(frame);
        schedule();
        return true;
    }

    private void drain() {
        try {
            Frame next;
            while (!has(CLOSED) && (next = queue.poll()) != null) {
                queued.decrementAndGet();
                emitter.send(Set.of(new ResponseBodyEmitter.DataWithMediaType(next.text(), UTF8_TEXT)));
            }
        } catch (IOException | RuntimeException e) {
            close();
        } finally {
            clear(DRAINING);
            schedule();
        }
    }

    void close() {
        if (set(CLOSED)) {
            queue.clear();
            hooks.onClose().accept(this);
            complete();
        }
    }

    /** Once closed and started (whichever comes last): completing writes the response too. */
    private void complete() {
        if (has(STARTED) && set(COMPLETED)) {
            // completing takes the emitter's lock, which a writer stuck on a full socket holds: never on the caller's thread
            hooks.writer().execute(() -> {
                try {
                    emitter.complete();
                } catch (RuntimeException ignored) {
                    // the connection is already gone
                }
            });
        }
    }

    private boolean has(int flag) {
        return (state.get() & flag) != 0;
    }

    /** Sets the flag; true when this call set it. */
    private boolean set(int flag) {
        int s;
        do {
            s = state.get();
            if ((s & flag) != 0) {
                return false;
            }
        } while (!state.compareAndSet(s, s | flag));
        return true;
    }

    private void clear(int flag) {
        state.getAndUpdate(s -> s & ~flag);
    }
}
