package dev.reveal.platform;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The W3C trace id of the work on this thread. Requests get theirs from {@code traceparent} (or a new one);
 * background jobs open their own with {@link #open()}.
 */
public final class TraceContext {

    public static final String MDC_KEY = "traceId";
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final String INVALID_TRACE_ID = "0".repeat(32);
    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceContext() {
    }

    /** The current trace id, or a fresh one when none is open. */
    public static String traceId() {
        String id = MDC.get(MDC_KEY);
        return id != null ? id : newTraceId();
    }

    /** Opens a new trace for background work; close it when the work ends. */
    public static MDC.MDCCloseable open() {
        return open(newTraceId());
    }

    public static MDC.MDCCloseable open(String traceId) {
        if (!isValidTraceId(traceId)) {
            throw new IllegalArgumentException("not a W3C trace id: " + traceId);
        }
        return MDC.putCloseable(MDC_KEY, traceId);
    }

    public static boolean isValidTraceId(String id) {
        return id != null && TRACE_ID.matcher(id).matches() && !INVALID_TRACE_ID.equals(id);
    }

    public static String newTraceId() {
        return randomHex(16);
    }

    public static String newSpanId() {
        return randomHex(8);
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
