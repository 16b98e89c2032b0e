package dev.reveal.platform.web;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads request bodies without holding a thread: the body arrives through non-blocking reads (a
 * {@link ReadListener}), and only once it is complete is the request dispatched again to be handled, with the body
 * from memory. A client that sends its body slowly (a byte every few seconds) costs a connection, not one of the
 * server's threads, so a few hundred of them cannot starve everyone else on JDK 17's platform threads. A body that
 * is not complete within {@code reveal.http.body-timeout} is answered 408, one over the size cap 413; both close
 * the connection instead of reading the rest.
 */
class BodyReader extends OncePerRequestFilter {

    private static final String BODY = BodyReader.class.getName() + ".body";
    private static final ContextSnapshotFactory CONTEXT = ContextSnapshotFactory.builder().build();

    private final long maxBytes;
    private final Duration timeout;
    private final ProblemWriter problems;

    BodyReader(long maxBytes, Duration timeout, ProblemWriter problems) {
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ASYNC && request.getAttribute(BODY) instanceof byte[] body) {
            request.removeAttribute(BODY);
            chain.doFilter(new ReadBody(request, body), response);
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST || !hasBody(request) || !request.isAsyncSupported()) {
            chain.doFilter(request, response);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(timeout.toMillis());
        // the listener's callbacks run on container threads: a refusal answered there keeps the request's trace
        Reading reading = new Reading(async, request.getInputStream(), request, response, CONTEXT.captureAll());
        async.addListener(reading);
        request.getInputStream().setReadListener(reading);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    private final class Reading implements ReadListener, AsyncListener {

        private final AsyncContext async;
        private final ServletInputStream in;
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final AtomicBoolean done = new AtomicBoolean();
        private final ContextSnapshot context;

        Reading(AsyncContext async, ServletInputStream in, HttpServletRequest request, HttpServletResponse response,
                ContextSnapshot context) {
            this.async = async;
            this.in = in;
            this.request = request;
            this.response = response;
            this.context = context;
        }

        @Override
        public void onDataAvailable() throws IOException {
            byte[] buffer = new byte[8192];
            try {
                while (in.isReady() && !in.isFinished()) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return;
                    }
                    body.write(buffer, 0, n);
                    if (body.size() > maxBytes) {
                        throw new RequestBodyTooLargeException(maxBytes);
                    }
                }
            } catch (RequestBodyTooLargeException e) {
                // also thrown by the stream of RequestBodyLimitFilter, which counts a chunked body as it arrives
                refuse(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", e.getMessage());
            }
        }

        @Override
        public void onAllDataRead() {
            if (done.compareAndSet(false, true)) {
                request.setAttribute(BODY, body.toByteArray());
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable t) {
            // the client went away (or broke the framing) mid-body: nobody is left to answer
            if (done.compareAndSet(false, true)) {
                async.complete();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            refuse(HttpStatus.REQUEST_TIMEOUT, "REQUEST_TIMEOUT",
                    "the request body did not arrive within " + timeout.toSeconds() + " s");
        }

        /** Answers and closes the connection, so the rest of the body is never read. */
        private void refuse(HttpStatus status, String code, String detail) throws IOException {
            if (done.compareAndSet(false, true)) {
                response.setHeader("Connection", "close");
                try (ContextSnapshot.Scope ignored = context.setThreadLocals()) {
                    problems.write(response, status, code, detail);
                }
                async.complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    /** The request as the handler sees it: the body from memory. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
