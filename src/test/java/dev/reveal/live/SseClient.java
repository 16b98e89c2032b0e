package dev.reveal.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Reads a Server-Sent Events stream in the background and collects its messages for assertions. */
final class SseClient implements AutoCloseable {

    record Message(String id, String type, String data) {
    }

    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile Stream<String> lines;

    SseClient(String url, String token, String lastSeenId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
        if (lastSeenId != null) {
            request.header("Last-Event-ID", lastSeenId);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        reader = new Thread(() -> read(client, request.build()), "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
            lines = response.body();
            String id = null;
            String type = null;
            StringBuilder data = new StringBuilder();
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (type != null || !data.isEmpty()) {
                        messages.add(new Message(id, type, data.toString()));
                    }
                    id = null;
                    type = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
        } catch (Exception ignored) {
            // closed by the test or by the server
        }
    }

    List<Message> messages() {
        return new ArrayList<>(messages);
    }

    Message await(Predicate<Message> match, Duration timeout) {
        try {
            return Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                    .until(() -> messages.stream().filter(match).findFirst(), Optional::isPresent).orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no matching message within " + timeout + "; got " + messages);
        }
    }

    int size() {
        return messages.size();
    }

    long count(Predicate<Message> match) {
        return messages.stream().filter(match).count();
    }

    @Override
    public void close() {
        if (lines != null) {
            lines.close();
        }
        reader.interrupt();
    }
}
