package dev.reveal.platform.tracing;

import dev.reveal.platform.TraceContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Accepts a W3C {@code traceparent} (or starts a trace), puts the trace id into every log line of the
 * request and answers with a {@code traceparent} of the same trace.
 */
class TraceFilter extends OncePerRequestFilter {

    static final String HEADER = "traceparent";
    private static final String ATTRIBUTE = TraceFilter.class.getName() + ".traceId";
    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // an async dispatch (a body read without a thread, then handled) continues the trace of its request
        String traceId = request.getAttribute(ATTRIBUTE) instanceof String known ? known
                : incomingTraceId(request.getHeader(HEADER));
        if (!isAsyncDispatch(request)) {
            request.setAttribute(ATTRIBUTE, traceId);
            response.setHeader(HEADER, "00-" + traceId + "-" + TraceContext.newSpanId() + "-01");
        }
        try (MDC.MDCCloseable ignored = TraceContext.open(traceId)) {
            chain.doFilter(request, response);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    private static String incomingTraceId(String header) {
        if (header != null) {
            Matcher m = TRACEPARENT.matcher(header.trim());
            if (m.matches() && !m.group(0).startsWith("ff") && TraceContext.isValidTraceId(m.group(1))) {
                return m.group(1);
            }
        }
        return TraceContext.newTraceId();
    }
}
