package dev.reveal.platform.web;

import dev.reveal.platform.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
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
        String traceId = traceId(request, response);
        String body = "{\"type\":\"https://reveal.dev/problems/" + code.toLowerCase().replace('_', '-') + "\",\"title\":\""
                + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + code
                + "\",\"traceId\":\"" + traceId + "\"}";
        try {
            if (response.getHeader(TRACEPARENT) == null) {
                echoTraceparent(response, traceId);
            }
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

    /**
     * The trace the application answered in (when the request got that far), else the request's {@code traceparent},
     * else a new trace: a request the container refused never reached the application's observation.
     */
    private static String traceId(Request request, Response response) {
        for (String traceparent : new String[] {response.getHeader(TRACEPARENT), request.getHeader(TRACEPARENT)}) {
            SpanContext span = Span.fromContext(W3CTraceContextPropagator.getInstance()
                    .extract(Context.root(), traceparent, HEADER)).getSpanContext();
            if (span.isValid()) {
                return span.getTraceId();
            }
        }
        return Traces.currentTraceId();
    }

    /** Answers in the same trace, as the application's responses do. */
    private static void echoTraceparent(Response response, String traceId) {
        SpanContext span = SpanContext.create(traceId, IdGenerator.random().generateSpanId(), TraceFlags.getDefault(),
                TraceState.getDefault());
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(Span.wrap(span)), response, Response::setHeader);
    }

    private static final String TRACEPARENT = "traceparent";

    /** One header value as a carrier. */
    private static final TextMapGetter<String> HEADER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String value) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String value, String key) {
            return TRACEPARENT.equals(key) ? value : null;
        }
    };
}
