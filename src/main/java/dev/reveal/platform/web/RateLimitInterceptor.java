package dev.reveal.platform.web;

import dev.reveal.platform.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/** Answers 429 with {@code Retry-After} when one player sends writes faster than the configured rate. */
class RateLimitInterceptor implements HandlerInterceptor {

    private final String name;
    private final RateLimits.Limit limit;
    private final RateLimitBuckets buckets;
    private final ProblemWriter problems;

    RateLimitInterceptor(String name, RateLimits.Limit limit, RateLimitBuckets buckets, ProblemWriter problems) {
        this.name = name;
        this.limit = limit;
        this.buckets = buckets;
        this.problems = problems;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        if (!limit.enabled() || !"POST".equals(request.getMethod())) {
            return true;
        }
        long nanosToWait = buckets.take(name, limit, Actor.current().id());
        if (nanosToWait == 0) {
            return true;
        }
        long retryAfterSeconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "too many requests; retry after " + retryAfterSeconds + " s");
        return false;
    }
}
