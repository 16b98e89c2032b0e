package dev.reveal.platform.web;

import dev.reveal.platform.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.io.IOException;
import java.io.Writer;
import java.util.Collections;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last-resort error page as an RFC 9457 problem: requests the container refuses before they reach the
 * application (an encoded NUL, backslash or slash in the path, an invalid URI) would otherwise get an HTML page.
 * Public because Tomcat instantiates it by class name.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String code = ProblemResponses.defaultCode(status);
        String detail = status >= 500 ? "an unexpected error occurred" : "the request was refused before it reached the service";
        if (status == 501 && request.getHeader("Transfer-Encoding") != null) {
            // Tomcat refuses a transfer coding it does not know (gzip, chunked) with 501: it is the client's request
            status = 400;
            code = "UNSUPPORTED_TRANSFER_ENCODING";
            detail = "only the chunked transfer coding is supported";
            response.setStatus(status);
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String body = "{\"type\":\"https://reveal.dev/problems/" + code.toLowerCase().replace('_', '-') + "\",\"title\":\""
                + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + code
                + "\",\"traceId\":\"" + traceId(request) + "\"}";
        try {
            response.setContentType(ProblemResponses.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response committed meanwhile: nothing more to say
        }
    }

    /** The request never reached the application's observation: its {@code traceparent}, read here, or a new trace. */
    private static String traceId(Request request) {
        SpanContext incoming = Span.fromContext(W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), request, HEADERS)).getSpanContext();
        return incoming.isValid() ? incoming.getTraceId() : Traces.currentTraceId();
    }

    private static final TextMapGetter<Request> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Request request) {
            return Collections.list(request.getHeaderNames());
        }

        @Override
        public String get(Request request, String key) {
            return request == null ? null : request.getHeader(key);
        }
    };
}
