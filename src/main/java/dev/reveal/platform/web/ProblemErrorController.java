package dev.reveal.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised outside MVC (by the servlet container or a filter) are problems too, never an HTML page.
 * Hidden from the API document: it is no operation a client calls.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            // called by a client, not forwarded by the container: there is no such endpoint
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemResponses.problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "no endpoint /error"));
        }
        int status = code instanceof Integer i ? i : 500;
        HttpStatus resolved = HttpStatus.resolve(status);
        HttpStatus httpStatus = resolved != null ? resolved : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = httpStatus.is5xxServerError() ? "an unexpected error occurred" : httpStatus.getReasonPhrase();
        return ResponseEntity.status(httpStatus).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.problem(httpStatus, ProblemResponses.defaultCode(status), detail));
    }
}
