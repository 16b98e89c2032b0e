package dev.reveal.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem straight to the servlet response, for filters that answer before MVC runs (or instead of it). */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, HttpStatus status, String code, String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(ProblemResponses.MEDIA_TYPE);
        // not flushed: the container sends it when the request ends, so RefusedBodyValve can still add Connection: close
        response.getOutputStream().write(json.writeValueAsBytes(ProblemResponses.problem(status, code, detail)));
    }
}
