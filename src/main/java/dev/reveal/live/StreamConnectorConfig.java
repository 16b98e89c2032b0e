package dev.reveal.live;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Smaller per-connection socket buffers. An open stream holds nothing of Tomcat's but its socket
 * ({@link StreamConnection}) and that socket's application read and write buffers, 8 KB each by default. A stream
 * reads nothing after its headers and writes messages of a few hundred bytes; the other endpoints' bodies (at most
 * {@code reveal.http.max-body-size}) and answers take a few more system calls. Saves ~10 KB of heap per open stream
 * (10,000 streams: ~100 MB); it applies to every connection.
 */
@Configuration(proxyBeanMethods = false)
class StreamConnectorConfig {

    /** {@code reveal.http.socket-read-buffer} / {@code socket-write-buffer}: bytes of each connection's buffers. */
    @ConfigurationProperties("reveal.http")
    record SocketBuffers(@DefaultValue("2048") int socketReadBuffer, @DefaultValue("4096") int socketWriteBuffer) {
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSocketBuffers(SocketBuffers buffers) {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(buffers.socketReadBuffer()));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(buffers.socketWriteBuffer()));
        });
    }
}
