package dev.reveal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.Api;
import dev.reveal.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document describes every operator endpoint of this area, with examples on the request bodies. */
class OperatorApiDocsTest extends IntegrationTest {

    @Test
    void operatorEndpointsAreDocumentedWithExamples() {
        Api.Response r = api.get("/v3/api-docs").send();
        assertThat(r.status()).isEqualTo(200);
        JsonNode paths = r.json().get("paths");
        assertThat(paths.has("/admin/v1/events")).isTrue();
        assertThat(paths.get("/admin/v1/events").has("post")).isTrue();
        assertThat(paths.get("/admin/v1/events").has("get")).isTrue();
        for (String path : new String[] {"/admin/v1/events/{id}", "/admin/v1/events/{id}/publish", "/admin/v1/events/{id}/cancel",
                "/admin/v1/events/overdue", "/admin/v1/markets/{id}/suspend", "/admin/v1/markets/{id}/resume",
                "/admin/v1/markets/{id}/lock", "/admin/v1/markets/{marketId}/odds", "/admin/v1/localization-keys",
                "/admin/v1/localization-keys/{key}", "/api/v1/localizations/{locale}"}) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        JsonNode schemas = r.json().get("components").get("schemas");
        for (String schema : new String[] {"CreateEventRequest", "PublishOddsRequest", "LocalizationKeyRequest"}) {
            assertThat(schemas.get(schema).has("example")).as(schema).isTrue();
        }
    }
}
