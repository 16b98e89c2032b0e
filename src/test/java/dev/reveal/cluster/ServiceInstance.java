package dev.reveal.cluster;

import static dev.reveal.support.LocalProcesses.freePort;
import static dev.reveal.support.LocalProcesses.sleep;

import dev.reveal.support.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Reveal instance as a child JVM on the cluster, configured as scripts/cluster.sh starts one. */
final class ServiceInstance implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final int port;
    private final Process process;
    private final Path log;

    private ServiceInstance(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static ServiceInstance start(Cluster cluster, Path log, String... extra) {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, "dev.reveal.RevealApplication",
                "--server.port=" + port,
                "--spring.datasource.url=" + cluster.bouncerUrl(), "--spring.datasource.username=postgres",
                // Flyway's session-level advisory lock does not survive transaction pooling: it migrates directly
                "--spring.flyway.url=" + cluster.nodesUrl("primary"), "--spring.flyway.user=postgres",
                "--reveal.live.listen-url=" + cluster.nodesUrl("primary"), "--reveal.live.listen-username=postgres",
                "--reveal.datasource.replica.url=" + cluster.nodesUrl("preferSecondary"),
                "--reveal.datasource.replica.username=postgres",
                "--reveal.rate-limits.store=database", "--reveal.rate-limits.bet-intents.per-second=1000",
                "--reveal.rate-limits.bet-intents.burst=1000",
                "--reveal.lifecycle.enabled=true", "--reveal.media.allow-private-addresses=true",
                // a request waits at most 2 s for a pooled connection, then answers 503 (the pool's adder keeps trying
                // every 100 ms meanwhile: PatientConnections)
                "--spring.datasource.hikari.connection-timeout=2000",
                "--logging.structured.format.console=", "--spring.main.banner-mode=off"));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("REVEAL_AUTH_HMAC_SECRET", Tokens.SECRET);
        try {
            return new ServiceInstance(port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited with " + process.exitValue() + ", see " + log);
            }
            if (readiness() == 200) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("service not ready within " + timeout + ", see " + log);
    }

    /** The readiness status code, or 0 when nothing answered within 2 s. */
    int readiness() {
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

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

}
