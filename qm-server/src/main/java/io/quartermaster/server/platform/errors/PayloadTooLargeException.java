package io.quartermaster.server.platform.errors;

import org.springframework.http.HttpStatus;

/** A request body larger than the server accepts. */
public class PayloadTooLargeException extends QmException {

    public PayloadTooLargeException(long limitBytes) {
        super(HttpStatus.CONTENT_TOO_LARGE, "PayloadTooLarge",
                "The request body is larger than the " + limitBytes + " bytes this server accepts.");
    }
}
