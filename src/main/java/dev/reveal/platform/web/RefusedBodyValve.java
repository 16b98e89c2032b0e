package dev.reveal.platform.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * A request refused before its body was read (no token, a wrong content type, a rate limit) gets its answer and
 * then the connection is closed, instead of Tomcat reading ("swallowing") the rest of the body to keep the
 * connection alive. Swallowing a body that a client trickles in a byte at a time held a thread per client: about 220
 * such clients froze the service on JDK 17 (issue 13).
 */
public class RefusedBodyValve extends ValveBase {

    public RefusedBodyValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        // refusals of unread bodies come from filters before BodyReader, all written by ProblemWriter, uncommitted
        if (response.getStatus() >= 400 && !request.isAsync() && !response.isCommitted() && hasUnreadBody(request)) {
            // tell the client, or it would send its next request on a connection about to close
            response.setHeader("Connection", "close");
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        }
    }

    private static boolean hasUnreadBody(Request request) {
        if (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
            return false;
        }
        AtomicBoolean fullyRead = new AtomicBoolean();
        request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, fullyRead);
        return !fullyRead.get();
    }
}
