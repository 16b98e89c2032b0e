package dev.reveal.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls this service's own operator API. Demo content goes in exactly as an operator's would (validation,
 * audit, facts for the feed and the stream), without reaching into the catalog's internals.
 */
@Component
class DemoApi {

    record Answer(int status, JsonNode body) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final JsonMapper json;

    DemoApi(JsonMapper json) {
        this.json = json;
    }

    Answer post(String baseUrl, String path, Object body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body() == null || response.body().isBlank() ? null : json.readTree(response.body());
            return new Answer(response.statusCode(), answer);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + baseUrl + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + path, e);
        }
    }
}
