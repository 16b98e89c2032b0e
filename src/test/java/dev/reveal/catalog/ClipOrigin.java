package dev.reveal.catalog;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An HLS origin for tests: the shipped demo clips, plus whatever bytes a test puts at a path. */
final class ClipOrigin implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    ClipOrigin() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException ignored) {
                // the client gave up (a size cap)
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void put(String path, byte[] body) {
        files.put(path, body);
    }

    void put(String path, String text) {
        put(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Serves a shipped demo clip's files under {@code /<clip>/}. */
    void shipped(String clip, String... names) {
        for (String name : names) {
            put("/" + clip + "/" + name, shippedBytes(clip, name));
        }
    }

    static byte[] shippedBytes(String clip, String name) {
        try (InputStream in = ClipOrigin.class.getResourceAsStream("/demo/clips/" + clip + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no shipped file " + clip + "/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
