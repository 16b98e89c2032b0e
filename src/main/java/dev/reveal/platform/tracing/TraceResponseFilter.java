package dev.reveal.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs inside Spring's server observation (which continues an incoming {@code traceparent} or starts a trace, also
 * across the async re-dispatch after a body is read): answers with a {@code traceparent} of the request's span, and
 * puts that span back in scope for the container's error dispatch, which runs after the observation has closed, so
 * that an error problem and its log lines keep the request's trace id.
 */
class TraceResponseFilter extends OncePerRequestFilter {

    private static final String SPAN = TraceResponseFilter.class.getName() + ".span";

    private final Tracer tracer;
    private final Propagator propagator;

    TraceResponseFilter(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Span current = tracer.currentSpan();
        if (request.getAttribute(SPAN) instanceof Span known && current == null) {
            try (Tracer.SpanInScope ignored = tracer.withSpan(known)) {
                chain.doFilter(request, response);
            }
            return;
        }
        if (current != null && !isAsyncDispatch(request)) {
            request.setAttribute(SPAN, current);
            propagator.inject(current.context(), response, HttpServletResponse::setHeader);
        }
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
