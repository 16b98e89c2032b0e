package dev.reveal.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service as a newcomer runs it: the embedded default's generated token secret (so demo sign-in works), demo
 * content loaded at start, and the lifecycle job locking events on time. Its own database, separate from
 * {@link IntegrationTest}'s, so demo events and background locks never show up in other tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "reveal.auth.hmac.secret=",
        "reveal.demo.enabled=true",
        "reveal.lifecycle.enabled=true",
        "reveal.lifecycle.fixed-delay=200ms"})
@ActiveProfiles("test")
public abstract class WebContextTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected JsonMapper json;

    protected Api api;

    @BeforeEach
    void setUpWebApi() {
        api = new Api(port, json);
    }

    /** A token from the demo sign-in endpoint, as the pages get one. */
    protected String demoToken(String subject, boolean operator) {
        Api.Response response = api.post("/demo/token", java.util.Map.of("subject", subject, "operator", operator)).send();
        if (response.status() != 200) {
            throw new IllegalStateException("demo sign-in failed: " + response);
        }
        return response.json().get("token").asString();
    }

    @Autowired
    private org.springframework.context.ApplicationContext context;

    /**
     * Where the service serves a shipped demo clip to its own ingest (behind the demo's secret path): the clip an
     * operator would give when creating an event with real media.
     */
    protected String demoClipUrl(String clip) {
        return dev.reveal.demo.DemoClips.sourceUrl(context, baseUrl(), clip);
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }
}
