package dev.reveal.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Every knob of the benchmark as a system property ({@code -Dbench.x=..}); docs/perf.md lists them. Defaults are a
 * full run; {@code -Dbench.quick=true} shortens every duration and fixture so a run checks the harness end to end in
 * a few minutes (its figures mean nothing).
 */
record Options(boolean quick, double warmup, double duration, double stepWarmup, double stepDuration, double ladderStart,
               double ladderFactor, int ladderSteps, double p99BoundMs, int clients, int connections, int analyticsClients,
               int players, int feedMarkets, int predictionMarkets, double acceptedShare, int batchSize,
               int settleIntents, int intentsPerFixturePlayer, int settleSamples, int readers, int streams,
               int streamWave, int livePublishes, double jitWarmup, boolean statements, String java, String jvmOptions,
               List<String> scenarios, String label, List<String> serviceArgs) {

    static final String DEFAULT_JVM_OPTIONS = "-Xms64m -Xmx320m -XX:+UseSerialGC -Xss512k "
            + "-XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m -XX:+ExitOnOutOfMemoryError";

    static Options fromSystemProperties() {
        boolean quick = Boolean.parseBoolean(System.getProperty("bench.quick", "false"));
        return new Options(quick,
                dbl("bench.warmup", quick ? 3 : 30),
                dbl("bench.duration", quick ? 4 : 20),
                dbl("bench.step-warmup", quick ? 1 : 3),
                dbl("bench.step-duration", quick ? 3 : 10),
                dbl("bench.ladder-start", 0.5),
                dbl("bench.ladder-factor", 1.2),
                integer("bench.ladder-steps", quick ? 3 : 8),
                dbl("bench.p99-bound-ms", 50),
                integer("bench.clients", 64),
                integer("bench.connections", 256),
                integer("bench.analytics-clients", 16),
                integer("bench.players", 2000),
                integer("bench.feed-markets", 50),
                integer("bench.prediction-markets", quick ? 50 : 200),
                dbl("bench.accepted-share", 0.5),
                integer("bench.batch-size", 100),
                integer("bench.settle-intents", quick ? 50_000 : 1_000_000),
                integer("bench.intents-per-fixture-player", 4),
                integer("bench.settle-samples", 30),
                integer("bench.readers", 1000),
                integer("bench.streams", quick ? 1000 : 10_000),
                integer("bench.stream-wave", 500),
                integer("bench.live-publishes", quick ? 3 : 10),
                dbl("bench.jit-warmup", quick ? 8 : 60),
                Boolean.parseBoolean(System.getProperty("bench.statements", "false")),
                System.getProperty("bench.java", Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                System.getProperty("bench.jvm-options", DEFAULT_JVM_OPTIONS),
                List.of(System.getProperty("bench.scenarios", "predictions,feed,analytics,settlement,live").split(",")),
                System.getProperty("bench.label", quick ? "quick" : "run"),
                serviceArgsFromProperties());
    }

    /** {@code bench.service-args}, plus pg_stat_statements loaded into the embedded server with {@code bench.statements}. */
    private static List<String> serviceArgsFromProperties() {
        List<String> args = new java.util.ArrayList<>(List.of(System.getProperty("bench.service-args", "").split("\\s+"))
                .stream().filter(s -> !s.isBlank()).toList());
        if (Boolean.parseBoolean(System.getProperty("bench.statements", "false"))) {
            args.add("--reveal.database.embedded.settings.shared_preload_libraries=pg_stat_statements");
        }
        return args;
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    private static double dbl(String name, double dflt) {
        return Double.parseDouble(System.getProperty(name, Double.toString(dflt)));
    }

    private static int integer(String name, int dflt) {
        return Integer.parseInt(System.getProperty(name, Integer.toString(dflt)));
    }
}
