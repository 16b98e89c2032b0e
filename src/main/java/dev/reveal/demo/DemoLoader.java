package dev.reveal.demo;

import dev.reveal.platform.TraceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** With {@code reveal.demo.enabled}, loads demo events once the service is ready (its port is known by then). */
@Component
class DemoLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

    private final DemoContent content;
    private final DemoProperties props;
    private final Environment env;

    DemoLoader(DemoContent content, DemoProperties props, Environment env) {
        this.content = content;
        this.props = props;
        this.env = env;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        if (!props.enabled()) {
            return;
        }
        try (MDC.MDCCloseable ignored = TraceContext.open()) {
            content.loadIfNeeded(baseUrl());
        } catch (RuntimeException e) {
            // demo content is a convenience: a failure must not stop the service
            log.warn("could not load demo content: {}", e.toString());
        }
    }

    String baseUrl() {
        if (props.baseUrl() != null && !props.baseUrl().isBlank()) {
            return props.baseUrl();
        }
        return "http://localhost:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
    }
}
