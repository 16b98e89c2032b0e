package dev.reveal.live;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Smaller per-connection socket buffers. Every open stream is a request Tomcat keeps in flight, and each holds its
 * socket's application read and write buffers (8 KB each by default; the read buffer again inside the request-line
 * parser's buffer). A stream reads nothing after its headers and writes messages of a few hundred bytes; the other
 * endpoints' bodies (at most {@code reveal.http.max-body-size}) and answers take a few more system calls. Saves
 * ~16 KB of heap per open stream (class histogram at 10,000 streams, issue 16); it applies to every connection.
 */
@Configuration(proxyBeanMethods = false)
class StreamConnectorConfig {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSocketBuffers(
            @Value("${reveal.http.socket-read-buffer:2048}") int readBuffer,
            @Value("${reveal.http.socket-write-buffer:4096}") int writeBuffer) {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(readBuffer));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(writeBuffer));
        });
    }
}
