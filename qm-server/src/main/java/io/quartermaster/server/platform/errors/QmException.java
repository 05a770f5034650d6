package io.quartermaster.server.platform.errors;

import org.springframework.http.HttpStatus;

/**
 * The one exception type a client may see. {@code reason} is a stable CamelCase word
 * ({@code NotFound}, {@code Conflict}…) and the message is a sentence a person can act on; both are
 * sent as {@code application/problem+json}. Never put internals (SQL, class names) in the message.
 */
public class QmException extends RuntimeException {

    private final String reason;
    private final HttpStatus status;

    public QmException(HttpStatus status, String reason, String message) {
        super(message);
        this.status = status;
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    public HttpStatus status() {
        return status;
    }

    public static QmException notFound(String what, Object id) {
        return new QmException(HttpStatus.NOT_FOUND, "NotFound", what + " " + id + " not found.");
    }

    public static QmException forbidden(String message) {
        return new QmException(HttpStatus.FORBIDDEN, "Forbidden", message);
    }

    public static QmException conflict(String message) {
        return new QmException(HttpStatus.CONFLICT, "Conflict", message);
    }

    public static QmException alreadyExists(String message) {
        return new QmException(HttpStatus.CONFLICT, "AlreadyExists", message);
    }

    public static QmException invalid(String reason, String message) {
        return new QmException(HttpStatus.BAD_REQUEST, reason, message);
    }
}
