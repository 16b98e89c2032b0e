package dev.reveal.platform.web;

import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The embedded default (no external database configured) is a developer's machine: it listens on loopback only, so
 * a laptop on a café network does not serve its console (and, with the demo on, operator tokens) to everyone near
 * it. {@code server.address} ({@code SERVER_ADDRESS=0.0.0.0}) listens wider; with an external database nothing
 * changes (all interfaces, as Spring Boot does).
 */
@Component
class LoopbackByDefault implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

    private static final Logger log = LoggerFactory.getLogger(LoopbackByDefault.class);

    private final Environment env;

    LoopbackByDefault(Environment env) {
        this.env = env;
    }

    @Override
    public void customize(ConfigurableWebServerFactory factory) {
        boolean embedded = env.getProperty("spring.datasource.url", "").isBlank();
        if (embedded && !env.containsProperty("server.address")) {
            factory.setAddress(InetAddress.getLoopbackAddress());
            log.info("embedded default: listening on {} only; set SERVER_ADDRESS=0.0.0.0 to listen on every interface",
                    InetAddress.getLoopbackAddress().getHostAddress());
        }
    }
}
