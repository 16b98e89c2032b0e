package dev.reveal.support;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.IdGenerator;

/** W3C trace ids and {@code traceparent} headers for tests, and a way to run code inside a given trace. */
public final class TestTraces {

    private static final IdGenerator IDS = IdGenerator.random();

    private TestTraces() {
    }

    public static String newTraceId() {
        return IDS.generateTraceId();
    }

    public static String traceparent(String traceId) {
        return "00-" + traceId + "-" + IDS.generateSpanId() + "-01";
    }

    /** Makes a span of {@code traceId} current on this thread until the scope is closed. */
    public static Scope open(String traceId) {
        return Span.wrap(SpanContext.create(traceId, IDS.generateSpanId(), TraceFlags.getSampled(), TraceState.getDefault()))
                .makeCurrent();
    }
}
