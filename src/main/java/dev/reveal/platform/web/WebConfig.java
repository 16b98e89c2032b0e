package dev.reveal.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
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
