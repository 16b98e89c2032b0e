package dev.reveal.platform.web;

import java.io.IOException;

/** Raised while reading a body that passes the configured cap; answered 413. */
class RequestBodyTooLargeException extends IOException {

    RequestBodyTooLargeException(long limit) {
        super("the request body exceeds the limit of " + limit + " bytes");
    }
}
