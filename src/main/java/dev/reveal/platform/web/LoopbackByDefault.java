package dev.reveal.platform.web;

import dev.reveal.platform.Workspace;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A developer's machine ({@code reveal.dev}, the default with the embedded database) listens on loopback only, so
 * a laptop on a café network does not serve its console (and, with the demo on, operator tokens) to everyone near
 * it. {@code server.address} ({@code SERVER_ADDRESS=0.0.0.0}) listens wider; otherwise nothing changes (all
 * interfaces, as Spring Boot does).
 */
@Component
class LoopbackByDefault implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

    private static final Logger log = LoggerFactory.getLogger(LoopbackByDefault.class);

    private final Environment env;
    private final Workspace workspace;

    LoopbackByDefault(Environment env, Workspace workspace) {
        this.env = env;
        this.workspace = workspace;
    }

    @Override
    public void customize(ConfigurableWebServerFactory factory) {
        if (workspace.dev() && !env.containsProperty("server.address")) {
            factory.setAddress(InetAddress.getLoopbackAddress());
            log.info("development mode (reveal.dev): listening on {} only; set SERVER_ADDRESS=0.0.0.0 to listen on every interface",
                    InetAddress.getLoopbackAddress().getHostAddress());
        }
    }
}
