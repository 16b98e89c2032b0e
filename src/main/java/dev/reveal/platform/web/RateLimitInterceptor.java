package dev.reveal.platform.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.reveal.platform.Actor;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/** Answers 429 with {@code Retry-After} when one player sends writes faster than the configured rate. */
class RateLimitInterceptor implements HandlerInterceptor {

    private final RateLimits.Limit limit;
    private final ProblemWriter problems;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(1_000_000).build();

    RateLimitInterceptor(RateLimits.Limit limit, ProblemWriter problems) {
        this.limit = limit;
        this.problems = problems;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        if (!limit.enabled() || !"POST".equals(request.getMethod())) {
            return true;
        }
        Bucket bucket = buckets.get(Actor.current().id(), player -> Bucket.builder()
                .addLimit(l -> l.capacity(Math.max(limit.burst(), limit.perSecond()))
                        .refillGreedy(limit.perSecond(), Duration.ofSeconds(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return true;
        }
        long retryAfterSeconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "too many requests; retry after " + retryAfterSeconds + " s");
        return false;
    }
}
