package dev.reveal.reliability;

import static dev.reveal.support.LocalProcesses.freePort;
import static dev.reveal.support.LocalProcesses.sleep;

import dev.reveal.support.Tokens;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The real service as a child JVM (the test JVM's own classpath, main class {@code dev.reveal.RevealApplication}),
 * on a data directory and ports of the test's choosing, so a test can SIGKILL it and start it again.
 */
final class ServiceProcess implements AutoCloseable {

    private final Path dataDir;
    private final int httpPort;
    private final int pgPort;
    private final Path log;
    private final List<String> extraArgs;
    private Process process;

    ServiceProcess(Path dataDir, Path log, String... extraArgs) {
        this.dataDir = dataDir;
        this.httpPort = freePort();
        this.pgPort = freePort();
        this.log = log;
        this.extraArgs = List.of(extraArgs);
    }

    void start() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire hides the real classpath behind a manifest-only jar; it publishes the list here.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, "dev.reveal.RevealApplication",
                "--server.port=" + httpPort, "--reveal.data.dir=" + dataDir.toAbsolutePath(),
                "--reveal.database.embedded.port=" + pgPort, "--reveal.lifecycle.enabled=false",
                "--logging.structured.format.console=", "--spring.main.banner-mode=off"));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // the secret travels in the environment, never on a command line that `ps` shows
        builder.environment().put("REVEAL_AUTH_HMAC_SECRET", Tokens.SECRET);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until readiness answers 200; fails early when the child dies. */
    void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited with " + process.exitValue() + ", see " + log);
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException("service not ready within " + timeout + ", see " + log);
    }

    /** SIGKILL: no shutdown hook, no graceful stop; the embedded PostgreSQL child is left running. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    int pgPort() {
        return pgPort;
    }

    Path log() {
        return log;
    }

    /** A connection straight to the service's database, for fixtures and for checking rows. */
    JdbcTemplate jdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(jdbcUrl(), "postgres", ""));
    }

    /** One held connection, for many fixture statements in a row; close it before the server stops. */
    SingleConnectionDataSource singleConnection() {
        return new SingleConnectionDataSource(jdbcUrl(), "postgres", "", true);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + pgPort + "/postgres";
    }

    /** A graceful stop (SIGTERM), then whatever is left of the database server. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
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
