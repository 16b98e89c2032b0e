package dev.reveal.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service under test as a child process ({@code java -jar target/reveal.jar}) on a fresh embedded database in
 * a temporary data directory, so its peak RSS (VmHWM) is the service's alone, not the driver's.
 */
final class ServiceProcess implements AutoCloseable {

    static final String SECRET = "reveal-benchmark-hmac-secret-0123456789-abcdefgh";

    final int httpPort;
    final int dbPort;
    final Path dataDir;
    private final Process process;

    private ServiceProcess(int httpPort, int dbPort, Path dataDir, Process process) {
        this.httpPort = httpPort;
        this.dbPort = dbPort;
        this.dataDir = dataDir;
        this.process = process;
    }

    static ServiceProcess start(Path jar, String java, String jvmOptions, List<String> extraArgs, Path log)
            throws Exception {
        Path dataDir = Files.createTempDirectory("reveal-bench-");
        int httpPort = freePort();
        int dbPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + httpPort, "--reveal.data.dir=" + dataDir,
                "--reveal.database.embedded.port=" + dbPort, "--reveal.database.embedded.clean=true"));
        command.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("REVEAL_AUTH_HMAC_SECRET", SECRET);
        pb.environment().put("REVEAL_LOG_FORMAT", "");
        Process process = pb.start();
        ServiceProcess service = new ServiceProcess(httpPort, dbPort, dataDir, process);
        service.awaitReady(Duration.ofMinutes(3), log);
        return service;
    }

    long pid() {
        return process.pid();
    }

    String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + dbPort + "/postgres";
    }

    /** The service JVM's peak resident set so far, in MiB (Linux only; -1 elsewhere). */
    double peakRssMb() {
        return statusKb("VmHWM:") / 1024.0;
    }

    double rssMb() {
        return statusKb("VmRSS:") / 1024.0;
    }

    private long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1024;
        }
        return -1024;
    }

    private void awaitReady(Duration timeout, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service was not ready within " + timeout + "; see " + log);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        deleteQuietly(dataDir);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
