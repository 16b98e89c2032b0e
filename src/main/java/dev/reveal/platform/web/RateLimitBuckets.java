package dev.reveal.platform.web;

/** Where the per-player token buckets live: in this instance, or in PostgreSQL for every instance. */
interface RateLimitBuckets {

    /** Takes one token from the subject's bucket; 0 when it was taken, otherwise nanoseconds until one is there. */
    long take(String limitName, RateLimits.Limit limit, String subject);

    static long capacity(RateLimits.Limit limit) {
        return Math.max(limit.burst(), limit.perSecond());
    }
}
