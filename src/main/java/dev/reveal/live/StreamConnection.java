package dev.reveal.live;

import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SSLSupport;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * A stream's socket once its response headers are out. The stream request is handed over to this handler (Tomcat's
 * HTTP upgrade), which lets Tomcat release the request: its processor and the ~80 KB of request and response buffers
 * it holds go back to the pool, and an open stream keeps only the socket and its two small buffers
 * ({@link StreamConnectorConfig}). Writes are non-blocking, from whichever thread has a frame to send; when the socket
 * cannot take more, Tomcat's poller calls back once it can ({@link SocketEvent#OPEN_WRITE}), so no thread ever waits
 * on a slow reader.
 *
 * <p>Public only because Tomcat instantiates it reflectively ({@code HttpServletRequest.upgrade}); the rest of the
 * application never uses it.
 */
public final class StreamConnection implements InternalHttpUpgradeHandler {

    private volatile SocketWrapperBase<?> socket;
    private volatile Subscriber subscriber;

    public StreamConnection() {
    }

    void attach(Subscriber subscriber) {
        this.subscriber = subscriber;
    }

    @Override
    public void setSocketWrapper(SocketWrapperBase<?> wrapper) {
        this.socket = wrapper;
    }

    /** Called once the request is finished and its headers are written: from now on the stream owns the socket. */
    @Override
    public void init(WebConnection connection) {
        Subscriber s = subscriber;
        if (s == null) {
            close();
        } else {
            s.open(this);
        }
    }

    @Override
    public SocketState upgradeDispatch(SocketEvent status) {
        Subscriber s = subscriber;
        switch (status) {
            case OPEN_READ -> {
                if (!discardInput()) {
                    if (s != null) {
                        s.close(StreamEnd.CLIENT_LEFT);
                    }
                    return SocketState.CLOSED;
                }
            }
            case OPEN_WRITE -> {
                if (s != null) {
                    s.writable();
                }
            }
            default -> {
                if (s != null) {
                    s.close(StreamEnd.CONNECTOR);
                }
                return SocketState.CLOSED;
            }
        }
        return s == null || s.isClosed() ? SocketState.CLOSED : SocketState.UPGRADED;
    }

    /** A stream's client has nothing to say: reads and drops what arrives; false once the client has closed. */
    private boolean discardInput() {
        byte[] sink = new byte[512];
        try {
            int n;
            while ((n = socket.read(false, sink, 0, sink.length)) > 0) {
                // nothing a client sends on a stream means anything
            }
            return n == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the socket takes more now; if not, Tomcat calls {@link Subscriber#writable()} once it does. */
    boolean ready() {
        return socket.isReadyForWrite();
    }

    void write(byte[] bytes) throws IOException {
        socket.write(false, bytes, 0, bytes.length);
    }

    /** Sends what is buffered; false (and a callback once the socket drains) when the socket cannot take it all now. */
    boolean flush() throws IOException {
        socket.flush(false);
        return socket.isReadyForWrite();
    }

    void close() {
        SocketWrapperBase<?> s = socket;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void timeoutAsync(long now) {
        // write stalls are timed by the subscriber
    }

    @Override
    public void setSslSupport(SSLSupport sslSupport) {
    }

    @Override
    public void pause() {
    }

    @Override
    public void destroy() {
        Subscriber s = subscriber;
        if (s != null) {
            s.close(StreamEnd.CONNECTOR);
        }
    }
}
