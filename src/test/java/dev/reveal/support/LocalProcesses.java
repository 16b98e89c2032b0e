package dev.reveal.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * What the tests that start services as child processes share: a free loopback port, and a pause that paces a loop
 * (load clients, probes). Waiting for something to happen is no pause: await the condition with Awaitility.
 */
public final class LocalProcesses {

    private LocalProcesses() {
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
