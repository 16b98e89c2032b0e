package dev.reveal.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The database side of the topology, started and driven through {@code scripts/cluster.sh} (the script a developer
 * runs): a pg_auto_failover monitor and two nodes on loopback, PgBouncer in front of the primary.
 */
final class Cluster implements AutoCloseable {

    static final Path SCRIPT = Path.of("scripts/cluster.sh").toAbsolutePath();

    private final Path dir;
    private final int base;

    private Cluster(Path dir, int base) {
        this.dir = dir;
        this.base = base;
    }

    /** Why the cluster cannot run here, or null when it can. */
    static String missing() {
        for (String tool : new String[] {"/usr/bin/pg_autoctl", "/usr/sbin/pgbouncer", "/usr/lib/postgresql/15/bin/pg_ctl"}) {
            if (!Files.isExecutable(Path.of(tool))) {
                return tool + " is missing (apt-get install -y postgresql-15-auto-failover pgbouncer; .ci/run does)";
            }
        }
        return null;
    }

    static Cluster start(Path dir, Path log) {
        Cluster cluster = new Cluster(dir, freeRange());
        cluster.script(log, "db-up");
        return cluster;
    }

    String script(Path log, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = SCRIPT.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("REVEAL_CLUSTER_DIR", dir.toString(), "REVEAL_CLUSTER_PORT", Integer.toString(base)));
        try {
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " failed:\n" + out);
            }
            if (log != null) {
                Files.writeString(log, out, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
            return out.trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int nodePort(String node) {
        return base + ("node1".equals(node) ? 1 : 2);
    }

    static String other(String node) {
        return "node1".equals(node) ? "node2" : "node1";
    }

    /** What the service's pool is given: PgBouncer, with no named prepared statements (transaction pooling). */
    String bouncerUrl() {
        return "jdbc:postgresql://127.0.0.1:" + bouncerPort() + "/reveal?prepareThreshold=0&connectTimeout=2";
    }

    String nodesUrl(String target) {
        return "jdbc:postgresql://127.0.0.1:" + (base + 1) + ",127.0.0.1:" + (base + 2) + "/reveal?targetServerType=" + target
                + "&hostRecheckSeconds=1&connectTimeout=2";
    }

    int bouncerPort() {
        return base + 3;
    }

    /** A direct connection to one node, for checks. */
    JdbcTemplate node(String node) {
        return new JdbcTemplate(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + nodePort(node)
                + "/reveal?connectTimeout=2&ApplicationName=cluster-test", "postgres", ""));
    }

    /** The current primary, straight from the nodes: the reachable one that is not in recovery. */
    JdbcTemplate primary() {
        return new JdbcTemplate(new DriverManagerDataSource(nodesUrl("primary") + "&ApplicationName=cluster-test", "postgres", ""));
    }

    /** True when PgBouncer hands out a connection to a node that takes writes. */
    boolean primaryThroughBouncer() {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "1");
        props.setProperty("socketTimeout", "2");
        props.setProperty("prepareThreshold", "0");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + bouncerPort() + "/reveal", props);
             var st = c.createStatement(); var rs = st.executeQuery("SELECT pg_is_in_recovery(), txid_current()")) {
            // txid_current() gives the transaction an id, so its commit waits for synchronous replication as a
            // prediction's does: the database has failed over when it takes writes, not when it answers a read
            return rs.next() && !rs.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The monitor's view: reported state of a node (primary, wait_primary, secondary, catchingup, ...). */
    String reportedState(String node) {
        Properties props = new Properties();
        props.setProperty("user", "autoctl_node");
        props.setProperty("connectTimeout", "1");
        props.setProperty("socketTimeout", "2");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + base + "/pg_auto_failover", props);
             var st = c.prepareStatement("SELECT reportedstate::text FROM pgautofailover.node WHERE nodename = ?")) {
            st.setString(1, node);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : "unknown";
            }
        } catch (SQLException e) {
            return "unreachable";
        }
    }

    Path logFile(String name) {
        return dir.resolve(name);
    }

    /** Copies the nodes', monitor's and PgBouncers' logs next to the test's, before {@link #close()} deletes them. */
    void keepLogs(Path target) {
        try (var files = Files.list(dir)) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                Files.copy(log, target.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("could not keep the cluster's logs: " + e);
        }
    }

    @Override
    public void close() {
        script(null, "down");
    }

    /** Four consecutive free ports (monitor, two nodes, PgBouncer). */
    private static int freeRange() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + ThreadLocalRandom.current().nextInt(20_000);
            boolean free = true;
            for (int p = base; p < base + 4 && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no four free ports in a row");
    }
}
