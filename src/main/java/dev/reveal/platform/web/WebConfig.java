package dev.reveal.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
class WebConfig {

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(HttpLimits limits, ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits.maxBodySize().toBytes(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Request limits: {@code reveal.http.max-body-size} (default 2MB). */
    @ConfigurationProperties("reveal.http")
    record HttpLimits(DataSize maxBodySize) {
        HttpLimits {
            if (maxBodySize == null) {
                maxBodySize = DataSize.ofMegabytes(2);
            }
        }
    }
}
