package dev.reveal.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * An open-model load: requests arrive at a fixed rate whatever the service answers, and each request's latency is
 * measured from the moment it was <em>meant</em> to start, so time spent queueing behind a slow answer counts
 * (no coordinated omission). As in wrk2, {@code connections} clients each send at rate/connections on their own
 * schedule; a client that falls behind sends its late requests back to back and their latency includes the delay.
 * A request still unsent a second after the step ends is recorded with the time it had waited by then.
 */
final class OpenLoad {

    static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(5);

    private OpenLoad() {
    }

    /** One step at one arrival rate. {@code achievedPerSecond} counts answers completed inside the measured window. */
    record Step(String name, double targetPerSecond, double achievedPerSecond, double rowsPerSecond, long errors,
                Histogram latency, String firstError, Cpu.Usage cpu) {

        double p(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1e6;
        }

        /** Sustainable: every answer right, the rate achieved and p99 within the bound. */
        boolean sustainable(double p99BoundMs) {
            return errors == 0 && achievedPerSecond >= 0.95 * targetPerSecond && p(99) <= p99BoundMs;
        }
    }

    static Step run(String name, int connections, double ratePerSecond, double warmupSeconds, double measureSeconds,
            IntFunction<Load.Op> ops, Cpu cpu) throws InterruptedException {
        long intervalNanos = (long) (connections * 1e9 / ratePerSecond);
        List<Load.Op> clients = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            clients.add(ops.apply(c));
        }
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (measureSeconds * 1e9);
        long giveUp = end + TimeUnit.SECONDS.toNanos(1);
        List<Histogram> histograms = new ArrayList<>();
        AtomicLong completedInWindow = new AtomicLong();
        AtomicLong rows = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ConcurrentHashMap<String, String> firstError = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        Cpu.Usage[] usage = {Cpu.Usage.UNKNOWN};
        for (int c = 0; c < connections; c++) {
            Histogram h = new Histogram(HIGHEST_NANOS, 3);
            histograms.add(h);
            Load.Op op = clients.get(c);
            long offset = intervalNanos * c / connections;
            Thread t = new Thread(() -> {
                try {
                    for (long intended = start + offset; intended < end; intended += intervalNanos) {
                        long now;
                        while ((now = System.nanoTime()) < intended) {
                            LockSupport.parkNanos(intended - now);
                        }
                        if (now > giveUp) {
                            // the service fell this far behind: what is left waited at least this long
                            for (long late = intended; late < end; late += intervalNanos) {
                                if (late >= measureFrom) {
                                    h.recordValue(Math.min(HIGHEST_NANOS, now - late));
                                }
                            }
                            return;
                        }
                        long written;
                        try {
                            written = op.call();
                        } catch (Exception e) {
                            if (intended >= measureFrom) {
                                errors.incrementAndGet();
                            }
                            firstError.putIfAbsent("e", e.toString());
                            continue;
                        }
                        long done = System.nanoTime();
                        if (intended >= measureFrom) {
                            h.recordValue(Math.min(HIGHEST_NANOS, done - intended));
                        }
                        if (done >= measureFrom && done < end) {
                            completedInWindow.incrementAndGet();
                            rows.addAndGet(written);
                        }
                    }
                } finally {
                    op.close();
                }
            }, name + "-" + c);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        Thread sampler = cpuSampler(cpu, measureFrom, end, usage);
        for (Thread t : threads) {
            t.join();
        }
        sampler.join();
        Histogram all = new Histogram(HIGHEST_NANOS, 3);
        histograms.forEach(all::add);
        return new Step(name, ratePerSecond, completedInWindow.get() / measureSeconds, rows.get() / measureSeconds,
                errors.get(), all, firstError.get("e"), usage[0]);
    }

    /**
     * Samples CPU at the start and just before the end of the measured window: right at the end, clients close their
     * connections, and a backend that exits while PostgreSQL's processes are being read would vanish from the count.
     */
    static Thread cpuSampler(Cpu cpu, long from, long end, Cpu.Usage[] into) {
        long to = end - TimeUnit.MILLISECONDS.toNanos(200);
        Thread sampler = new Thread(() -> {
            LockSupport.parkNanos(Math.max(0, from - System.nanoTime()));
            Cpu.Sample before = cpu.sample();
            long t0 = System.nanoTime();
            while (System.nanoTime() < to) {
                LockSupport.parkNanos(to - System.nanoTime());
            }
            into[0] = cpu.since(before, System.nanoTime() - t0);
        }, "cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return sampler;
    }
}
