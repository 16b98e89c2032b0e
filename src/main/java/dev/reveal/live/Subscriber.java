package dev.reveal.live;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open stream. Messages wait in a bounded queue and are written by a task of their own, so a client that
 * reads slowly blocks only its own writer; when its queue overflows it is dropped, never slowing the others.
 *
 * <p>The writer starts only when {@link #start()} is called after the request thread has left the filter chain
 * ({@link StreamGate}): until then that thread still writes the response's headers (security headers, trace
 * header), and a second thread committing the response meanwhile corrupted Tomcat's header list (issue 13).
 */
final class Subscriber {

    record Outgoing(long id, String type, Object data) {
    }

    private final String playerRef;
    private final SseEmitter emitter;
    private final BlockingQueue<Outgoing> queue;
    private final Executor writer;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean completed = new AtomicBoolean();
    private final Runnable onClose;
    private final Runnable onOverflow;

    Subscriber(String playerRef, SseEmitter emitter, int capacity, Executor writer, Runnable onClose,
            Runnable onOverflow) {
        this.onOverflow = onOverflow;
        this.playerRef = playerRef;
        this.emitter = emitter;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = writer;
        this.onClose = onClose;
    }

    SseEmitter emitter() {
        return emitter;
    }

    /** Lets the writer run: called once the request thread no longer touches the response. */
    void start() {
        if (started.compareAndSet(false, true)) {
            if (closed.get()) {
                complete();
            } else {
                schedule();
            }
        }
    }

    private void schedule() {
        if (started.get() && !closed.get() && !queue.isEmpty() && draining.compareAndSet(false, true)) {
            writer.execute(this::drain);
        }
    }

    String playerRef() {
        return playerRef;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Queues a message; false (and the subscriber closed) when its buffer is full. */
    boolean offer(Outgoing message) {
        if (closed.get()) {
            return false;
        }
        if (!queue.offer(message)) {
            onOverflow.run();
            close();
            return false;
        }
        schedule();
        return true;
    }

    private void drain() {
        try {
            Outgoing next;
            while (!closed.get() && (next = queue.poll()) != null) {
                write(next);
            }
        } catch (IOException | RuntimeException e) {
            close();
        } finally {
            draining.set(false);
            schedule();
        }
    }

    private void write(Outgoing message) throws IOException {
        if (message.type() == null) {
            emitter.send(SseEmitter.event().comment("heartbeat"));
            return;
        }
        SseEmitter.SseEventBuilder event = SseEmitter.event().name(message.type()).data(message.data(), MediaType.APPLICATION_JSON);
        if (message.id() > 0) {
            event.id(Long.toString(message.id()));
        }
        emitter.send(event);
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            onClose.run();
            complete();
        }
    }

    /** Once closed and started (whichever comes last): completing writes the response too. */
    private void complete() {
        if (started.get() && completed.compareAndSet(false, true)) {
            // completing takes the emitter's lock, which a writer stuck on a full socket holds: never on the caller's thread
            writer.execute(() -> {
                try {
                    emitter.complete();
                } catch (RuntimeException ignored) {
                    // the connection is already gone
                }
            });
        }
    }
}
