package dev.reveal.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real service as a child JVM, for the suites that must own its process: the crash test SIGKILLs and restarts
 * it, the cluster test runs several against one database, the benchmark measures its memory alone. Either the
 * test JVM's own classpath ({@link #onTestClasspath}) or a packaged jar ({@link #ofJar}); output goes to a log file
 * (emptied once, appended to by every start).
 *
 * <p>With {@link Builder#embeddedDatabase}, the service runs its embedded PostgreSQL on a data directory and a port
 * of the test's choosing, so a restart finds its rows again and the test can reach them over {@link #jdbcUrl()}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final int httpPort;
    private final int dbPort;
    private final Path dataDir;
    private Process process;

    private ServiceProcess(Builder b) {
        this.httpPort = LocalProcesses.freePort();
        this.dataDir = b.dataDir;
        this.dbPort = b.dataDir == null ? -1 : LocalProcesses.freePort();
        this.log = b.log;
        this.environment = Map.copyOf(b.environment);
        List<String> c = new ArrayList<>();
        c.add(b.java);
        c.addAll(b.jvmOptions);
        c.addAll(b.launch);
        c.add("--server.port=" + httpPort);
        if (dataDir != null) {
            c.addAll(List.of("--reveal.data.dir=" + dataDir.toAbsolutePath(),
                    "--reveal.database.embedded.port=" + dbPort,
                    "--reveal.database.embedded.clean=" + b.cleanDatabase));
        }
        c.addAll(b.args);
        this.command = List.copyOf(c);
    }

    /** The service's main class on this JVM's classpath, with this JVM's java. */
    public static Builder onTestClasspath(Path log) {
        // Surefire hides the real classpath behind a manifest-only jar; it publishes the list here.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new Builder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                List.of("-cp", classpath, "dev.reveal.RevealApplication"), log);
    }

    /** A packaged jar, on the given java (the benchmark compares JDKs). */
    public static Builder ofJar(String java, Path jar, Path log) {
        return new Builder(java, List.of("-jar", jar.toString()), log);
    }

    public static final class Builder {

        private final String java;
        private final List<String> launch;
        private final Path log;
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path dataDir;
        private boolean cleanDatabase;

        private Builder(String java, List<String> launch, Path log) {
            this.java = java;
            this.launch = launch;
            this.log = log;
        }

        public Builder jvmOptions(String... options) {
            for (String o : options) {
                if (!o.isBlank()) {
                    jvmOptions.add(o);
                }
            }
            return this;
        }

        public Builder args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        public Builder args(List<String> more) {
            args.addAll(more);
            return this;
        }

        /** Secrets travel here, never on a command line that {@code ps} shows. */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /**
         * The embedded PostgreSQL in {@code dataDir} on a free port; {@code clean} wipes it at each start, otherwise a
         * restart keeps the rows.
         */
        public Builder embeddedDatabase(Path dataDir, boolean clean) {
            this.dataDir = dataDir;
            this.cleanDatabase = clean;
            return this;
        }

        /** Chooses the ports and empties the log; nothing runs until {@link ServiceProcess#start()}. */
        public ServiceProcess build() {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new ServiceProcess(this);
        }
    }

    /** Starts the child (again, after {@link #kill()}, on the same ports and data directory). */
    public ServiceProcess start() {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Waits until readiness answers 200; fails at once when the child exits. */
    public ServiceProcess awaitReady(Duration timeout) {
        await("readiness of the service logging to " + log).atMost(timeout).pollInterval(Duration.ofMillis(200))
                .failFast("the service exited; see " + log, () -> !process.isAlive())
                .until(() -> readiness() == 200);
        return this;
    }

    /** The readiness status code, or 0 when nothing answered within 2 s. */
    public int readiness() {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** SIGKILL: no shutdown hook, no graceful stop; the embedded PostgreSQL child is left running. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public int httpPort() {
        return httpPort;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Path log() {
        return log;
    }

    /** The embedded database's port; -1 without {@link Builder#embeddedDatabase}. */
    public int dbPort() {
        return dbPort;
    }

    /** The embedded database, as its superuser {@code postgres} (no password) reaches it. */
    public String jdbcUrl() {
        if (dataDir == null) {
            throw new IllegalStateException("this service has no embedded database of the test's choosing");
        }
        return "jdbc:postgresql://localhost:" + dbPort + "/postgres";
    }

    /** A graceful stop (SIGTERM, a minute's grace), then whatever a kill left of the embedded database server. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (dataDir != null) {
            stopLeftoverPostmaster();
        }
    }

    private void stopLeftoverPostmaster() {
        Path pid = dataDir.resolve("postgres/postmaster.pid");
        try {
            if (Files.exists(pid)) {
                long postmaster = Long.parseLong(Files.readAllLines(pid).get(0).trim());
                ProcessHandle.of(postmaster).filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                        .ifPresent(p -> {
                            p.destroy();
                            p.onExit().join();
                        });
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop the service's database: " + e);
        }
    }
}
