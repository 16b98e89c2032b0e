package dev.reveal.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop load: a fixed number of client threads, each sending its next request as soon as the previous one
 * answered. It finds how much a side can do at all (its saturation throughput) and gives p99 at a fixed number of
 * clients; it hides queueing in its latencies (coordinated omission), which {@link OpenLoad} measures instead.
 * Latencies are recorded only after the warm-up; percentiles come from sorting every recorded sample.
 */
final class Load {

    private Load() {
    }

    /** One request of one client; returns the rows it wrote (0 for a read), throws when the answer is wrong. */
    interface Op {
        long call() throws Exception;

        /** Releases the client's connection when its load ends. */
        default void close() {
        }
    }

    /** Makes client {@code client} of {@code of} concurrent ones (each owns a 1/of slice of the players). */
    interface Clients {
        Op open(int client, int of) throws Exception;
    }

    static IntFunction<Op> of(Clients clients, int count) {
        return i -> {
            try {
                return clients.open(i, count);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** An op that closes {@code resource} when its load ends. */
    static Op closing(AutoCloseable resource, Op op) {
        return new Op() {
            @Override
            public long call() throws Exception {
                return op.call();
            }

            @Override
            public void close() {
                try {
                    resource.close();
                } catch (Exception e) {
                    // closing anyway
                }
            }
        };
    }

    record Result(String name, int clients, double seconds, long ops, long rows, long errors, long[] sortedNanos,
                  String firstError, Cpu.Usage cpu) {

        double opsPerSecond() {
            return ops / seconds;
        }

        double rowsPerSecond() {
            return rows / seconds;
        }

        double percentileMillis(double p) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
        }
    }

    static Result run(String name, int clients, double warmupSeconds, double measureSeconds, IntFunction<Op> ops,
            Cpu cpu) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (measureSeconds * 1e9);
        AtomicLong rows = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<long[]> samples = new ArrayList<>();
        int[] counts = new int[clients];
        ConcurrentHashMap<String, String> firstError = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[][] own = {new long[4096]};
            samples.add(null);
            int client = c;
            Op op = ops.apply(client);
            Thread t = new Thread(() -> {
                int n = 0;
                try {
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            break;
                        }
                        long written;
                        try {
                            written = op.call();
                        } catch (Exception e) {
                            if (t0 >= measureFrom) {
                                errors.incrementAndGet();
                            }
                            firstError.putIfAbsent("e", e.toString());
                            continue;
                        }
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom && t1 <= end) {
                            if (n == own[0].length) {
                                own[0] = Arrays.copyOf(own[0], n * 2);
                            }
                            own[0][n++] = t1 - t0;
                            rows.addAndGet(written);
                        }
                    }
                } finally {
                    op.close();
                    synchronized (samples) {
                        samples.set(client, Arrays.copyOf(own[0], n));
                        counts[client] = n;
                    }
                    done.countDown();
                }
            }, name + "-" + c);
            t.setDaemon(true);
            threads.add(t);
        }
        Cpu.Usage[] usage = {Cpu.Usage.UNKNOWN};
        threads.forEach(Thread::start);
        Thread sampler = OpenLoad.cpuSampler(cpu, measureFrom, end, usage);
        done.await();
        sampler.join();
        long total = 0;
        for (int n : counts) {
            total += n;
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] s : samples) {
            System.arraycopy(s, 0, all, at, s.length);
            at += s.length;
        }
        Arrays.sort(all);
        return new Result(name, clients, measureSeconds, total, rows.get(), errors.get(), all, firstError.get("e"),
                usage[0]);
    }

    /** Single calls timed one by one (settle, correct), {@code prepare} untimed before each, as a result of its own. */
    static Result timed(String name, int calls, Op prepare, Op op) throws Exception {
        long[] nanos = new long[calls];
        long rows = 0;
        long totalNanos = 0;
        for (int i = 0; i < calls; i++) {
            prepare.call();
            long t0 = System.nanoTime();
            rows += op.call();
            nanos[i] = System.nanoTime() - t0;
            totalNanos += nanos[i];
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Result(name, 1, totalNanos / 1e9, calls, rows, 0, sorted, null, Cpu.Usage.UNKNOWN);
    }
}
