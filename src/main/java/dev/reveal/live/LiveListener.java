package dev.reveal.live;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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
 */
@Component
class LiveListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveListener.class);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final LiveHub hub;
    private volatile boolean listening;
    private volatile Thread thread;

    LiveListener(DataSource dataSource, LiveHub hub) {
        this.dataSource = dataSource;
        this.hub = hub;
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

    boolean isListening() {
        return listening;
    }

    /** This thread's turn: false once stopped (no thread) or replaced by a newer thread. */
    private boolean current() {
        return thread == Thread.currentThread();
    }

    private void loop() {
        boolean reconnecting = false;
        while (current()) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement st = connection.createStatement()) {
                    st.execute("LISTEN " + LiveNotifier.CHANNEL);
                }
                listening = true;
                if (reconnecting) {
                    hub.resetAll();
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (current()) {
                    PGNotification[] notices = pg.getNotifications((int) POLL.toMillis());
                    if (notices != null) {
                        for (PGNotification n : notices) {
                            handle(n.getParameter());
                        }
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
