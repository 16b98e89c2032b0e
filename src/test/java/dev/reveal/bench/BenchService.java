package dev.reveal.bench;

import dev.reveal.support.ServiceProcess;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service under test as a child process ({@code java -jar target/reveal.jar}) on a fresh database, so its peak
 * RSS (VmHWM) is the service's alone, not the driver's. The database is an embedded PostgreSQL 17 in a temporary
 * data directory, or, when {@code SPRING_DATASOURCE_URL} is set, a new database created for this run on that server
 * (with {@code SPRING_DATASOURCE_USERNAME}/{@code _PASSWORD}; the role needs CREATEDB) and dropped after it.
 */
final class BenchService implements AutoCloseable {

    static final String SECRET = "reveal-benchmark-hmac-secret-0123456789-abcdefgh";

    final int httpPort;
    final int dbPort;
    final Path dataDir;
    private final ServiceProcess process;
    private final External external;

    /** A database created on an external server for this run; null for the embedded one. */
    record External(String serverUrl, String url, String name, String user, String password) {

        static External create() throws SQLException {
            String serverUrl = System.getenv("SPRING_DATASOURCE_URL");
            if (serverUrl == null || serverUrl.isBlank()) {
                return null;
            }
            String user = System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres");
            String password = System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
            String name = "reveal_bench_" + System.currentTimeMillis();
            Matcher m = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(.*)$").matcher(serverUrl);
            if (!m.matches()) {
                throw new IllegalArgumentException("SPRING_DATASOURCE_URL must look like jdbc:postgresql://host:port/db");
            }
            External e = new External(serverUrl, m.group(1) + name + m.group(3), name, user, password);
            try (Connection c = e.connect(serverUrl)) {
                c.createStatement().execute("CREATE DATABASE " + name);
            }
            return e;
        }

        Connection connect(String url) throws SQLException {
            Properties p = new Properties();
            p.setProperty("user", user);
            p.setProperty("password", password);
            return DriverManager.getConnection(url, p);
        }

        void drop() {
            if (Boolean.getBoolean("bench.keep-database")) {
                System.out.println("kept database " + name);
                return;
            }
            try (Connection c = connect(serverUrl)) {
                c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException ex) {
                System.out.println("could not drop " + name + ": " + ex);
            }
        }
    }

    private BenchService(ServiceProcess process, Path dataDir, External external) {
        this.process = process;
        this.httpPort = process.httpPort();
        this.dbPort = process.dbPort();
        this.dataDir = dataDir;
        this.external = external;
    }

    static BenchService start(Path jar, String java, String jvmOptions, List<String> extraArgs, Path log)
            throws Exception {
        Path dataDir = Files.createTempDirectory("reveal-bench-");
        External external = External.create();
        ServiceProcess.Builder builder = ServiceProcess.ofJar(java, jar, log)
                .jvmOptions(jvmOptions.trim().split("\\s+"))
                .embeddedDatabase(dataDir, true)
                .args(extraArgs)
                .env("REVEAL_AUTH_HMAC_SECRET", SECRET)
                .env("REVEAL_LOG_FORMAT", "");
        if (external != null) {
            builder.env("SPRING_DATASOURCE_URL", external.url());
        }
        BenchService service = new BenchService(builder.build().start(), dataDir, external);
        try {
            service.process.awaitReady(Duration.ofMinutes(3));
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** A new connection to the service's database, as its superuser (embedded) or the configured role. */
    Connection connect() throws SQLException {
        if (external != null) {
            return external.connect(external.url());
        }
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return DriverManager.getConnection(jdbcUrl(), p);
    }

    String databaseDescription() {
        return external == null ? "embedded PostgreSQL on :" + dbPort : "external " + external.url();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String jdbcUrl() {
        return external != null ? external.url() : "jdbc:postgresql://localhost:" + dbPort + "/postgres";
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

    @Override
    public void close() throws Exception {
        process.close();
        deleteQuietly(dataDir);
        if (external != null) {
            external.drop();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
