package dev.reveal.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How one side (a service scenario or a database baseline) is measured, the same way for every side: an
 * unmeasured warm-up, a closed-loop run that finds its saturation throughput, then open-model steps of fixed arrival
 * rates from a fraction of that throughput upwards until a step is no longer sustainable (p99 over the bound, the
 * rate not reached, or an error). The highest sustainable step is the figure that counts.
 */
final class Ladder {

    private final Options o;
    private final Cpu cpu;

    Ladder(Options o, Cpu cpu) {
        this.o = o;
        this.cpu = cpu;
    }

    record Measured(String name, Load.Result saturation, List<OpenLoad.Step> steps, OpenLoad.Step best,
                    OpenLoad.Step firstUnsustainable) {

        double bestRowsPerSecond() {
            return best == null ? 0 : best.rowsPerSecond();
        }
    }

    /** The closed-loop part only: warm-up, then the measured run at {@code clients}. */
    Load.Result saturation(String name, int clients, Load.Clients ops) throws InterruptedException {
        Load.Result r = Load.run(name, clients, o.warmup(), o.duration(), Load.of(ops, clients), cpu);
        System.out.printf(Locale.ROOT, "  %-60s closed, %3d clients: %9.0f ops/s %10.0f rows/s  p50 %7.2f  p99 %8.2f ms  errors %d  %s%n",
                name, clients, r.opsPerSecond(), r.rowsPerSecond(), r.percentileMillis(50), r.percentileMillis(99),
                r.errors(), r.cpu());
        if (r.firstError() != null) {
            System.out.println("    first error: " + r.firstError());
        }
        return r;
    }

    Measured measure(String name, int clients, int connections, Load.Clients ops) throws InterruptedException {
        Load.Result saturation = saturation(name, clients, ops);
        List<OpenLoad.Step> steps = new ArrayList<>();
        OpenLoad.Step best = null;
        OpenLoad.Step failed = null;
        double rate = Math.max(1, saturation.opsPerSecond() * o.ladderStart());
        for (int i = 0; i < o.ladderSteps(); i++) {
            OpenLoad.Step step = OpenLoad.run(name, connections, rate, o.stepWarmup(), o.stepDuration(),
                    Load.of(ops, connections), cpu);
            steps.add(step);
            boolean ok = step.sustainable(o.p99BoundMs());
            System.out.printf(Locale.ROOT, "    open %4d conns at %9.0f/s: achieved %9.0f/s %10.0f rows/s  p50 %7.2f  p99 %8.2f  p99.9 %8.2f ms  errors %d  %s  %s%n",
                    connections, rate, step.achievedPerSecond(), step.rowsPerSecond(), step.p(50), step.p(99), step.p(99.9),
                    step.errors(), ok ? "sustainable" : "NOT sustainable", step.cpu());
            if (step.firstError() != null) {
                System.out.println("      first error: " + step.firstError());
            }
            if (ok) {
                best = step;
                rate *= o.ladderFactor();
            } else if (best == null && rate > 2) {
                failed = step;
                rate /= 2; // even the first step was too much: come down until one holds
            } else {
                failed = step;
                break;
            }
        }
        return new Measured(name, saturation, steps, best, failed);
    }
}
