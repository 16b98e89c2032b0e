package dev.reveal.platform;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.IdGenerator;

/**
 * The W3C trace id of the work on this thread, as Micrometer Tracing keeps it: requests continue an incoming
 * {@code traceparent} (or start a trace), scheduled jobs run in a span of their own. Sampling only decides what is
 * exported: an unsampled span has its trace id too.
 */
public final class Traces {

    private Traces() {
    }

    /** The trace id of the span in scope, or a fresh one when there is none (work outside any observation). */
    public static String currentTraceId() {
        SpanContext current = Span.current().getSpanContext();
        return current.isValid() ? current.getTraceId() : IdGenerator.random().generateTraceId();
    }
}
