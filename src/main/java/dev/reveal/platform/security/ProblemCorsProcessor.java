package dev.reveal.platform.security;

import dev.reveal.platform.web.ProblemWriter;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

/** A refused CORS request (an origin, method or header not allowed) is a 403 problem, not Spring's plain text. */
final class ProblemCorsProcessor extends DefaultCorsProcessor {

    private final ProblemWriter problems;

    ProblemCorsProcessor(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        if (response instanceof ServletServerHttpResponse servlet) {
            problems.write(servlet.getServletResponse(), HttpStatus.FORBIDDEN, "CORS_REJECTED",
                    "this origin, method or header is not allowed to call the service");
        } else {
            super.rejectRequest(response);
        }
    }
}
