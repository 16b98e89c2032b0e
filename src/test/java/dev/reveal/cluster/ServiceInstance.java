package dev.reveal.cluster;

import dev.reveal.support.ServiceProcess;
import dev.reveal.support.Tokens;
import java.nio.file.Path;
import java.time.Duration;

/** A Reveal instance as a child JVM on the cluster, configured as scripts/cluster.sh starts one. */
final class ServiceInstance implements AutoCloseable {

    private final ServiceProcess process;

    private ServiceInstance(ServiceProcess process) {
        this.process = process;
    }

    static ServiceInstance start(Cluster cluster, Path log, String... extra) {
        return new ServiceInstance(ServiceProcess.onTestClasspath(log)
                .jvmOptions("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                .args("--spring.datasource.url=" + cluster.bouncerUrl(), "--spring.datasource.username=postgres",
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
                        "--logging.structured.format.console=", "--spring.main.banner-mode=off")
                .args(extra)
                .env("REVEAL_AUTH_HMAC_SECRET", Tokens.SECRET)
                .build().start());
    }

    void awaitReady(Duration timeout) {
        process.awaitReady(timeout);
    }

    /** The readiness status code, or 0 when nothing answered within 2 s. */
    int readiness() {
        return process.readiness();
    }

    String baseUrl() {
        return process.baseUrl();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
