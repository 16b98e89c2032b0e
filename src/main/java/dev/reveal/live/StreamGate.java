package dev.reveal.live;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outermost filter of the stream endpoint: it starts a new stream's writer only after the whole filter chain has
 * returned on the request thread, so exactly one thread writes the response at any time (see {@link Subscriber}).
 */
@Configuration(proxyBeanMethods = false)
class StreamGate {

    private static final String SUBSCRIBER = StreamGate.class.getName() + ".subscriber";

    static void startAfterRequest(ServletRequest request, Subscriber subscriber) {
        request.setAttribute(SUBSCRIBER, subscriber);
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> streamGateFilter() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } finally {
                    if (request.getAttribute(SUBSCRIBER) instanceof Subscriber subscriber) {
                        subscriber.start();
                    }
                }
            }
        });
        registration.addUrlPatterns("/api/v1/stream");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("streamGate");
        return registration;
    }
}
