package dev.reveal.platform.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes Tomcat's own error responses problems too (see {@link ProblemReportValve}), and closes instead of draining
 * the unread body of a refused request ({@link RefusedBodyValve}).
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorConfig {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
            });
            // on the engine, outside the host valve: it runs after any error page was rendered
            factory.addEngineValves(new RefusedBodyValve());
        };
    }
}
