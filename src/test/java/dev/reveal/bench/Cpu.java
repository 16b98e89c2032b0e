package dev.reveal.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU used by each side of a measurement (from {@code /proc}, Linux only): the service JVM, PostgreSQL (its
 * postmaster, live backends and exited ones), this driver, and the whole machine. It says which process a figure
 * was limited by; on two shared cores the three compete.
 */
final class Cpu {

    private static final double TICKS_PER_SECOND = 100.0;

    private final long servicePid;
    private final long postmasterPid;

    Cpu(long servicePid, long postmasterPid) {
        this.servicePid = servicePid;
        this.postmasterPid = postmasterPid;
    }

    record Sample(long service, long postgres, long driver, long machineBusy) {
    }

    /** Cores used on average over the interval (1.0 = one core busy all the time). */
    record Usage(double service, double postgres, double driver, double machine) {

        static final Usage UNKNOWN = new Usage(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "cores: service %.2f, postgres %.2f, driver %.2f, machine %.2f", service,
                    postgres, driver, machine);
        }
    }

    Sample sample() {
        return new Sample(ticks(servicePid, false), postgresTicks(), ticks(ProcessHandle.current().pid(), false),
                machineBusyTicks());
    }

    Usage since(Sample before, long elapsedNanos) {
        if (before == null || elapsedNanos <= 0) {
            return Usage.UNKNOWN;
        }
        Sample now = sample();
        double seconds = elapsedNanos / 1e9;
        return new Usage(cores(now.service() - before.service(), seconds), cores(now.postgres() - before.postgres(), seconds),
                cores(now.driver() - before.driver(), seconds), cores(now.machineBusy() - before.machineBusy(), seconds));
    }

    private static double cores(long ticks, double seconds) {
        return ticks < 0 ? Double.NaN : ticks / TICKS_PER_SECOND / seconds;
    }

    /** The postmaster with what its exited children used, plus every live backend and helper. */
    private long postgresTicks() {
        if (postmasterPid <= 0) {
            return -1;
        }
        long total = ticks(postmasterPid, true);
        if (total < 0) {
            return -1;
        }
        String[] pids = new java.io.File("/proc").list((dir, name) -> name.chars().allMatch(Character::isDigit));
        for (String pid : pids == null ? new String[0] : pids) {
            String[] f = stat(Path.of("/proc", pid, "stat"));
            try {
                if (f != null && Long.parseLong(f[1]) == postmasterPid) {
                    total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            } catch (RuntimeException e) {
                // a process that went away while being read
            }
        }
        return total;
    }

    private static long ticks(long pid, boolean withChildren) {
        String[] f = stat(Path.of("/proc/" + pid + "/stat"));
        if (f == null) {
            return -1;
        }
        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
    }

    /** The fields after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime, [13] cutime, [14] cstime. */
    private static String[] stat(Path file) {
        try {
            String s = Files.readString(file);
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle and iowait are not work
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The postmaster's pid from its data directory (readable when the database runs on this machine). */
    static long postmasterPid(String dataDirectory) {
        try {
            return Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
