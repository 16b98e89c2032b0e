package dev.reveal.live;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open stream. Frames wait in a bounded queue and go to the socket with non-blocking writes, from whichever thread
 * offers one (the listener's fan-out, the heartbeat) or from Tomcat's poller once a full socket drains: a stream that
 * reads slowly costs its queue, never a thread. It is dropped when its queue overflows or its socket has taken nothing
 * for {@code reveal.live.write-timeout}, never slowing the others.
 *
 * <p>Nothing is written before Tomcat hands the socket over ({@link #open}), after the request thread has written the
 * response headers: exactly one party writes the socket at any time.
 *
 * <p>Kept small on purpose (tens of thousands live at once): an empty queue is a few dozen bytes, the rest is counters.
 */
final class Subscriber {

    private final String playerRef;
    private final LiveHub hub;
    private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Offers and write callbacks that arrived while another thread was writing; that thread writes them too. */
    private final AtomicInteger pending = new AtomicInteger();
    private volatile StreamConnection connection;
    private volatile boolean closed;
    /** When the socket last refused more ({@link System#nanoTime()}), 0 while it takes everything. */
    private volatile long stalledSince;

    Subscriber(String playerRef, LiveHub hub) {
        this.playerRef = playerRef;
        this.hub = hub;
    }

    String playerRef() {
        return playerRef;
    }

    boolean isClosed() {
        return closed;
    }

    /** The socket is ours: write what has waited. */
    void open(StreamConnection connection) {
        this.connection = connection;
        if (closed) {
            connection.close();
        } else {
            write();
        }
    }

    /** Queues a frame; false (and the subscriber dropped) when it is too far behind. */
    boolean offer(Frame frame) {
        if (closed) {
            return false;
        }
        long stalled = stalledSince;
        if (queued.incrementAndGet() > hub.capacity()) {
            close(StreamEnd.TOO_FAR_BEHIND);
            return false;
        }
        if (stalled != 0 && System.nanoTime() - stalled > hub.writeTimeoutNanos()) {
            close(StreamEnd.STALLED);
            return false;
        }
        queue.add(frame);
        write();
        return true;
    }

    /** Tomcat's callback: the socket that refused more takes it again. */
    void writable() {
        write();
    }

    /** One thread at a time writes; a call meanwhile makes that thread go round once more. */
    private void write() {
        if (connection == null || pending.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            drain();
            missed = pending.addAndGet(-missed);
        } while (missed != 0);
    }

    private void drain() {
        StreamConnection c = connection;
        if (closed) {
            return;
        }
        try {
            Frame next;
            while ((next = queue.peek()) != null) {
                // the socket's buffer is full: push it out first (Tomcat's write callback sends nothing itself)
                if (!c.ready() && !c.flush()) {
                    stalled();
                    return;
                }
                queue.poll();
                queued.decrementAndGet();
                c.write(next.bytes());
            }
            if (c.flush()) {
                stalledSince = 0;
            } else {
                stalled();
            }
        } catch (IOException | RuntimeException e) {
            close(StreamEnd.WRITE_FAILED);
        }
    }

    private void stalled() {
        if (stalledSince == 0) {
            stalledSince = System.nanoTime() | 1;
        }
    }

    void close(StreamEnd why) {
        if (closed) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        queue.clear();
        hub.closed(this, why);
        StreamConnection c = connection;
        if (c != null) {
            c.close();
        }
    }
}
