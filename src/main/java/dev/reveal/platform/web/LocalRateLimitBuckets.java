package dev.reveal.platform.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/** Buckets in this instance's memory (Bucket4j): no cost per request, but behind N instances a player gets N× the rate. */
class LocalRateLimitBuckets implements RateLimitBuckets {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(1_000_000).build();

    @Override
    public long take(String limitName, RateLimits.Limit limit, String subject) {
        Bucket bucket = buckets.get(limitName + ':' + subject, key -> Bucket.builder()
                .addLimit(l -> l.capacity(RateLimitBuckets.capacity(limit))
                        .refillGreedy(limit.perSecond(), Duration.ofSeconds(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }
}
