package dev.reveal.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads the body, requests whose shape the API does not take: a body that is not JSON
 * ({@code application/json} or {@code application/*+json}; wildcards, YAML, forms and unparsable types are 415) and
 * a header the API reads once sent twice (400: a proxy would join them into {@code a,b}), and a query string that
 * is not valid percent-encoding (400; the container would otherwise fail later, inside a controller). An endpoint that takes
 * another type of body must be added to {@link #isJson}'s caller as an exception.
 */
class RequestShapeFilter extends OncePerRequestFilter {

    static final List<String> SINGLE_HEADERS = List.of("Idempotency-Key", "Last-Event-ID");

    private final ProblemWriter problems;

    RequestShapeFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (String name : SINGLE_HEADERS) {
            if (Collections.list(request.getHeaders(name)).size() > 1) {
                problems.write(response, HttpStatus.BAD_REQUEST, "DUPLICATE_HEADER", name + " may be sent once");
                return;
            }
        }
        if (takesBody(request) && !isJson(request.getContentType())) {
            problems.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "request bodies are JSON: send Content-Type: application/json");
            return;
        }
        if (!queryParses(request)) {
            problems.write(response, HttpStatus.BAD_REQUEST, "INVALID_QUERY",
                    "the query string is not valid percent-encoded UTF-8");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Parses the query now (bodies are JSON by here, so only the query is read) and says whether it could. */
    private static boolean queryParses(HttpServletRequest request) {
        try {
            request.getParameterMap();
            return true;
        } catch (IllegalStateException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A body, or a method that reads one (an empty PUT still has its Content-Type parsed). */
    private static boolean takesBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null
                || (request.getContentType() != null && List.of("POST", "PUT", "PATCH").contains(request.getMethod()));
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            String charset = type.getParameter("charset");
            return !type.isWildcardType() && !type.isWildcardSubtype()
                    && (type.isCompatibleWith(MediaType.APPLICATION_JSON)
                            || ("application".equals(type.getType()) && type.getSubtype().endsWith("+json")))
                    && (charset == null || charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("\"utf-8\""));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
