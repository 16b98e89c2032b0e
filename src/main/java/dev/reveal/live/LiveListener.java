package dev.reveal.live;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Holds one connection in {@code LISTEN reveal_live} and hands every notice to the hub. When the connection breaks
 * it reconnects, and tells subscribers to reload because notices sent meanwhile are lost.
 *
 * <p>The connection comes from the pool unless {@code reveal.live.listen-url} is set: behind a transaction-mode
 * pooler (PgBouncer) a session's {@code LISTEN} does not survive the transaction, so the listener must reach the
 * primary directly (a multi-host URL with {@code targetServerType=primary} follows a failover). An idle connection is
 * checked every few seconds, so a primary that vanished without closing the socket is noticed too.
 */
@Component
class LiveListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveListener.class);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    private static final Duration IDLE_CHECK = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final LiveHub hub;
    private final String listenUrl;
    private final Properties listenProperties = new Properties();
    private volatile boolean listening;
    private volatile Thread thread;

    LiveListener(DataSource dataSource, LiveHub hub, LiveProperties properties, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.hub = hub;
        this.listenUrl = properties.listenUrl();
        if (!properties.listenUsername().isEmpty()) {
            listenProperties.setProperty("user", properties.listenUsername());
        }
        if (!properties.listenPassword().isEmpty()) {
            listenProperties.setProperty("password", properties.listenPassword());
        }
        listenProperties.setProperty("ApplicationName", "reveal-live-listener");
        // 0 while this instance hears no notices: its streams get nothing new until it listens again
        meters.gauge("reveal.live.listening", this, l -> l.listening ? 1 : 0);
    }

    @Override
    public synchronized void start() {
        Thread listener = new Thread(this::loop, "live-listener");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    /**
     * Waits for the listening thread to end, so a quick stop and start (a paused test context, say) never leaves
     * two threads dispatching every notice twice.
     */
    @Override
    public synchronized void stop() {
        hub.closeAll();
        Thread listener = thread;
        thread = null;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        listening = false;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Stops before the web server's graceful shutdown, so open streams do not hold it up. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** This thread's turn: false once stopped (no thread) or replaced by a newer thread. */
    private boolean current() {
        return thread == Thread.currentThread();
    }

    private void loop() {
        boolean reconnecting = false;
        while (current()) {
            try (Connection connection = connect()) {
                try (Statement st = connection.createStatement()) {
                    st.execute("LISTEN " + LiveNotifier.CHANNEL);
                }
                listening = true;
                if (reconnecting) {
                    hub.resetAll();
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                long lastHeard = System.nanoTime();
                while (current()) {
                    PGNotification[] notices = pg.getNotifications((int) POLL.toMillis());
                    if (notices != null && notices.length > 0) {
                        lastHeard = System.nanoTime();
                        for (PGNotification n : notices) {
                            handle(n.getParameter());
                        }
                    } else if (System.nanoTime() - lastHeard > IDLE_CHECK.toNanos()) {
                        if (!connection.isValid(1)) {
                            throw new SQLException("live listener connection no longer answers", "08006");
                        }
                        lastHeard = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (current()) {
                    listening = false;
                    log.warn("live listener lost its connection, retrying: {}", e.getMessage());
                    reconnecting = true;
                    sleep();
                }
            }
        }
    }

    private Connection connect() throws SQLException {
        return listenUrl.isEmpty() ? dataSource.getConnection() : DriverManager.getConnection(listenUrl, listenProperties);
    }

    private void handle(String payload) {
        try {
            hub.dispatch(Notice.decode(payload));
        } catch (RuntimeException e) {
            log.warn("could not dispatch live notice {}: {}", payload, e.toString());
        }
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
