package dev.reveal.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Runs before every other exception resolver for a failure on an event stream. A stream that has started sending
 * cannot become a problem any more: the failure is noted and nothing is written. One that has not started yet still
 * carries the stream's {@code text/event-stream} type on the servlet response, which would win over a problem's own
 * type and make the problem unwritable ("No converter for ProblemDetail"): the type is cleared, and the usual
 * handlers answer with a problem.
 */
@Component
class StreamFailures implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(StreamFailures.class);

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        String type = response.getContentType();
        if (type == null || !type.startsWith(MediaType.TEXT_EVENT_STREAM_VALUE)) {
            return null;
        }
        if (response.isCommitted()) {
            log.debug("event stream ended by {}", ex.toString());
            return new ModelAndView();
        }
        response.setContentType(null);
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
