package dev.reveal.demo;

import dev.reveal.platform.DemoTokens;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * With {@code reveal.demo.enabled}, loads demo events once the service is ready (it calls its own API, which
 * listens by then), as the operator {@code demo-loader} signed with the embedded default's generated secret.
 */
@Component
class DemoLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
    static final String LOADER = "demo-loader";

    private final DemoContent content;
    private final DemoProperties props;
    private final DemoTokens tokens;
    private final Environment env;

    DemoLoader(DemoContent content, DemoProperties props, DemoTokens tokens, Environment env) {
        this.content = content;
        this.props = props;
        this.tokens = tokens;
        this.env = env;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        if (!props.enabled()) {
            return;
        }
        var token = tokens.mint(LOADER, true, Duration.ofMinutes(10));
        if (token.isEmpty()) {
            log.warn("demo content is loaded only with the embedded default's generated token secret; nothing loaded");
            return;
        }
        String service = "http://localhost:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        try {
            content.loadIfNeeded(new DemoContent.Target(service, token.get()));
        } catch (RuntimeException e) {
            // demo content is a convenience: a failure must not stop the service
            log.warn("could not load demo content: {}", e.toString());
        }
    }
}
