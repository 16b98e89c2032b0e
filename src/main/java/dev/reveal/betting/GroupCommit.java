package dev.reveal.betting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writer threads that turn concurrent requests into batches: a writer takes whatever has queued up while its
 * previous batch committed, waits at most {@code window} for more (up to {@code maxBatch}), and hands the batch
 * to {@code recorder}, which records it in one transaction and completes every request's future after the commit.
 * The fsync of one commit is so shared by every request of the batch.
 */
final class GroupCommit<T extends GroupCommit.Pending> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** A queued request whose future the recorder completes. */
    interface Pending {
        CompletableFuture<?> future();
    }

    private final BlockingQueue<T> queue = new LinkedBlockingQueue<>();
    private final Consumer<List<T>> recorder;
    private final long windowNanos;
    private final int maxBatch;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    GroupCommit(String name, int writerThreads, Duration window, int maxBatch, Consumer<List<T>> recorder) {
        this.recorder = recorder;
        this.windowNanos = window.toNanos();
        this.maxBatch = Math.max(1, maxBatch);
        // More than one writer lets one batch be built while another waits for its commit's fsync.
        for (int i = 0; i < Math.max(1, writerThreads); i++) {
            Thread writer = new Thread(this::run, name + "-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    void submit(T pending) {
        if (!running) {
            throw new IllegalStateException("the group-commit writer is stopped");
        }
        queue.add(pending);
    }

    /** Takes every request still queued, for a recorder that knows they would fail as its batch just did. */
    List<T> drainQueued() {
        List<T> drained = new ArrayList<>();
        queue.drainTo(drained);
        return drained;
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                T first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<T> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                long deadline = System.nanoTime() + windowNanos;
                while (batch.size() < maxBatch && windowNanos > 0) {
                    long left = deadline - System.nanoTime();
                    T next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    queue.drainTo(batch, maxBatch - batch.size());
                }
                record(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void record(List<T> batch) {
        try {
            recorder.accept(batch);
        } catch (RuntimeException | Error e) {
            log.error("group commit of {} requests failed", batch.size(), e);
        } finally {
            // A request the recorder left open must not hang its caller.
            for (T p : batch) {
                if (!p.future().isDone()) {
                    p.future().completeExceptionally(new IllegalStateException("the batch was not recorded"));
                }
            }
        }
    }

    /** Stops taking requests and records what is queued before returning. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread writer : writers) {
            writer.join(Duration.ofSeconds(30).toMillis());
        }
    }
}
