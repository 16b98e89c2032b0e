package dev.reveal.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    private final RateLimits rateLimits;
    private final ProblemWriter problems;
    private final RateLimitBuckets buckets;

    WebConfig(RateLimits rateLimits, ProblemWriter problems, JdbcClient jdbc) {
        this.rateLimits = rateLimits;
        this.problems = problems;
        this.buckets = rateLimits.store() == RateLimits.Store.DATABASE ? new SharedRateLimitBuckets(jdbc)
                : new LocalRateLimitBuckets();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RateLimitInterceptor("bet-intents", rateLimits.betIntents(), buckets, problems))
                .addPathPatterns("/api/v1/bet-intents");
        registry.addInterceptor(new RateLimitInterceptor("analytics", rateLimits.analytics(), buckets, problems))
                .addPathPatterns("/api/v1/analytics/events");
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(HttpLimits limits) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits.maxBodySize().toBytes(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Right after Spring Security, so a caller without a token learns only that it needs one. */
    @Bean
    FilterRegistrationBean<RequestShapeFilter> requestShapeFilter() {
        var registration = new FilterRegistrationBean<>(new RequestShapeFilter(problems));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /** After the request's shape is checked: only a caller with a token and a JSON body is worth reading. */
    @Bean
    FilterRegistrationBean<BodyReader> bodyReader(HttpLimits limits) {
        var registration = new FilterRegistrationBean<>(new BodyReader(limits.maxBodySize().toBytes(), limits.bodyTimeout(),
                problems));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 2);
        return registration;
    }

    /**
     * Request limits: {@code reveal.http.max-body-size} (default 2MB) and {@code reveal.http.body-timeout}, the time
     * a whole request body may take to arrive (default 10s).
     */
    @ConfigurationProperties("reveal.http")
    record HttpLimits(DataSize maxBodySize, java.time.Duration bodyTimeout) {
        HttpLimits {
            if (maxBodySize == null) {
                maxBodySize = DataSize.ofMegabytes(2);
            }
            if (bodyTimeout == null) {
                bodyTimeout = java.time.Duration.ofSeconds(10);
            }
        }
    }
}
