package dev.reveal.betting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writer threads that turn concurrent requests into batches: a writer takes whatever has queued up while its
 * previous batch committed, waits at most {@code window} for more (up to {@code maxBatch}), and hands the batch to
 * {@code recorder}, which records it in one transaction and answers each request, in order. The fsync of one commit
 * is so shared by every request of the batch. A recorder that throws failed for everyone: its batch and whatever
 * queued behind it get the failure at once instead of waiting to fail again.
 */
final class GroupCommit<T, R> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Queued<T, R>(T request, CompletableFuture<R> answer) {
    }

    private final BlockingQueue<Queued<T, R>> queue = new LinkedBlockingQueue<>();
    private final Function<List<T>, List<R>> recorder;
    private final long windowNanos;
    private final int maxBatch;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    GroupCommit(String name, int writerThreads, Duration window, int maxBatch, Function<List<T>, List<R>> recorder) {
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

    /** Queues the request and waits for its answer; a failure of its batch is thrown as it was. */
    R record(T request, Duration timeout) throws TimeoutException {
        if (!running) {
            throw new IllegalStateException("the group-commit writer is stopped");
        }
        CompletableFuture<R> answer = new CompletableFuture<>();
        queue.add(new Queued<>(request, answer));
        try {
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the request was being recorded", e);
        }
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                Queued<T, R> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Queued<T, R>> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                long deadline = System.nanoTime() + windowNanos;
                while (batch.size() < maxBatch && windowNanos > 0) {
                    long left = deadline - System.nanoTime();
                    Queued<T, R> next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
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

    private void record(List<Queued<T, R>> batch) {
        try {
            List<R> answers = recorder.apply(batch.stream().map(Queued::request).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer().complete(answers.get(i));
            }
        } catch (RuntimeException | Error e) {
            List<Queued<T, R>> failed = new ArrayList<>(batch);
            queue.drainTo(failed);
            log.warn("group commit of {} requests failed; failing them and {} queued behind them ({})", batch.size(),
                    failed.size() - batch.size(), e.toString());
            failed.forEach(q -> q.answer().completeExceptionally(e));
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
