package dev.reveal.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Many concurrent SSE streams ({@code GET /api/v1/stream}) held by one selector thread, so that 10,000 of them cost
 * the driver one thread and a few kilobytes each. It records when each stream receives each odds version (matched
 * by the market's {@code versionNo} in the {@code odds} event), so the fan-out latency of a publish is measured at
 * every client.
 */
final class LiveStreams implements AutoCloseable {

    private static final byte[] VERSION_NO = "\"versionNo\":".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] HELLO = "event:hello".getBytes(StandardCharsets.ISO_8859_1);

    private final String host;
    private final int port;
    private final Selector selector;
    private final Thread loop;
    private final Queue<Stream> pending = new ConcurrentLinkedQueue<>();
    private final List<Stream> streams = new ArrayList<>();
    private final AtomicInteger hellos = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Map<Integer, Fanout> fanouts = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /** The receipts of one published version: latency from the publish request's send and from its answer. */
    static final class Fanout {
        final long sentNanos;
        volatile long answeredNanos;
        final Histogram fromSend = new Histogram(OpenLoad.HIGHEST_NANOS, 3);
        final List<Long> receipts = new ArrayList<>();
        final AtomicInteger received = new AtomicInteger();

        Fanout(long sentNanos) {
            this.sentNanos = sentNanos;
        }

        /** Latency from the answer (the commit happened before it): a lower bound on from-commit. */
        Histogram fromAnswer() {
            Histogram h = new Histogram(OpenLoad.HIGHEST_NANOS, 3);
            synchronized (receipts) {
                receipts.forEach(r -> h.recordValue(Math.max(0, r - answeredNanos)));
            }
            return h;
        }
    }

    private final class Stream {
        final SocketChannel channel;
        final ByteBuffer request;
        final byte[] window = new byte[256];
        int windowLength;
        boolean greeted;

        Stream(SocketChannel channel, String token) {
            this.channel = channel;
            this.request = ByteBuffer.wrap(("GET /api/v1/stream?locale=en HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    LiveStreams(String host, int port) throws IOException {
        this.host = host;
        this.port = port;
        this.selector = Selector.open();
        this.loop = new Thread(this::run, "live-streams");
        loop.setDaemon(true);
        loop.start();
    }

    int greeted() {
        return hellos.get();
    }

    int failed() {
        return failed.get();
    }

    /**
     * Opens {@code count} streams in waves of {@code wave}, each wave waiting (up to 30 s) for its hellos; returns how
     * many streams said hello.
     */
    int open(int count, int wave, IntFunction<String> tokenOf) throws IOException, InterruptedException {
        for (int opened = 0; opened < count; ) {
            int n = Math.min(wave, count - opened);
            for (int i = 0; i < n; i++) {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.connect(new InetSocketAddress(host, port));
                pending.add(new Stream(ch, tokenOf.apply(opened + i)));
            }
            selector.wakeup();
            opened += n;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (hellos.get() + failed.get() < opened && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (hellos.get() + failed.get() < opened) {
                System.out.printf("    only %d of %d streams said hello within 30 s (%d failed); stopping there%n",
                        hellos.get(), opened, failed.get());
                break;
            }
        }
        return hellos.get();
    }

    /** Expects the next odds version {@code versionNo}; the caller publishes it right after. */
    Fanout expect(int versionNo) {
        Fanout f = new Fanout(System.nanoTime());
        fanouts.put(versionNo, f);
        return f;
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        byte[] bytes = new byte[64 * 1024];
        while (running) {
            try {
                selector.select(100);
                for (Stream s; (s = pending.poll()) != null; ) {
                    s.channel.register(selector, SelectionKey.OP_CONNECT, s);
                    streams.add(s);
                }
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    Stream s = (Stream) key.attachment();
                    try {
                        if (key.isConnectable()) {
                            s.channel.finishConnect();
                            key.interestOps(SelectionKey.OP_WRITE);
                        } else if (key.isWritable()) {
                            s.channel.write(s.request);
                            if (!s.request.hasRemaining()) {
                                key.interestOps(SelectionKey.OP_READ);
                            }
                        } else if (key.isReadable()) {
                            buffer.clear();
                            int n = s.channel.read(buffer);
                            if (n < 0) {
                                throw new IOException("closed by the service");
                            }
                            buffer.flip();
                            buffer.get(bytes, 0, n);
                            scan(s, bytes, n, now);
                        }
                    } catch (IOException | RuntimeException e) {
                        key.cancel();
                        s.channel.close();
                        failed.incrementAndGet();
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException e) {
                if (running) {
                    System.out.println("    live-streams selector: " + e);
                }
            }
        }
    }

    /** Looks for the hello and for odds versions in what arrived, carrying a little over so a split marker is found. */
    private void scan(Stream s, byte[] bytes, int n, long now) {
        byte[] text = new byte[s.windowLength + n];
        System.arraycopy(s.window, 0, text, 0, s.windowLength);
        System.arraycopy(bytes, 0, text, s.windowLength, n);
        if (!s.greeted && indexOf(text, HELLO, 0) >= 0) {
            s.greeted = true;
            hellos.incrementAndGet();
        }
        for (int at = indexOf(text, VERSION_NO, 0); at >= 0; at = indexOf(text, VERSION_NO, at + 1)) {
            int i = at + VERSION_NO.length;
            int v = 0;
            int digits = 0;
            while (i < text.length && text[i] >= '0' && text[i] <= '9') {
                v = v * 10 + (text[i++] - '0');
                digits++;
            }
            if (digits == 0 || i == text.length) {
                continue; // cut off: the window carries it to the next read
            }
            if (i < s.windowLength) {
                continue; // complete in the previous read already, and counted there
            }
            Fanout f = fanouts.get(v);
            if (f != null) {
                f.fromSend.recordValue(Math.min(OpenLoad.HIGHEST_NANOS, now - f.sentNanos));
                synchronized (f.receipts) {
                    f.receipts.add(now);
                }
                f.received.incrementAndGet();
            }
        }
        int keep = Math.min(s.window.length, text.length);
        System.arraycopy(text, text.length - keep, s.window, 0, keep);
        s.windowLength = keep;
    }

    private static int indexOf(byte[] text, byte[] marker, int from) {
        outer:
        for (int i = from; i <= text.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (text[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws Exception {
        running = false;
        selector.wakeup();
        loop.join(5000);
        for (Stream s : streams) {
            try {
                s.channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        selector.close();
    }
}
