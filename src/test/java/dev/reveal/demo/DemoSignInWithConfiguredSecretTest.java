package dev.reveal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.Api;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.Tokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a configured secret (as in production) the demo endpoints mint nothing and load nothing. */
class DemoSignInWithConfiguredSecretTest extends IntegrationTest {

    @Test
    void demoSignInIsNotFoundWhenASecretIsConfigured() {
        Api.Response token = api.post("/demo/token", Map.of("subject", "mallory", "operator", true)).send();
        assertThat(token.status()).isEqualTo(404);
        assertThat(token.code()).isEqualTo("NOT_FOUND");
        assertThat(token.body()).doesNotContain("eyJ");
        assertThat(api.get("/demo").send().json().get("signIn").asBoolean()).isFalse();
    }

    @Test
    void reloadIsNotFoundWhileDemoContentIsDisabled() {
        long events = count("events");
        Api.Response reload = api.as(Tokens.operator("ops-demo-off")).post("/admin/v1/demo/reload", null).send();
        assertThat(reload.status()).isEqualTo(404);
        assertThat(count("events")).isEqualTo(events);
        assertThat(api.as(Tokens.player("p-demo-off")).post("/admin/v1/demo/reload", null).send().status()).isEqualTo(403);
    }
}
