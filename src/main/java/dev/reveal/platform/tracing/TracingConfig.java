package dev.reveal.platform.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class TracingConfig {

    /** Right after Boot's server observation filter (highest precedence + 1), before security. */
    @Bean
    FilterRegistrationBean<TraceResponseFilter> traceResponseFilter(Tracer tracer, Propagator propagator) {
        FilterRegistrationBean<TraceResponseFilter> registration =
                new FilterRegistrationBean<>(new TraceResponseFilter(tracer, propagator));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        return registration;
    }
}
