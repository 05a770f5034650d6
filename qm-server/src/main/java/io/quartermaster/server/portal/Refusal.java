package io.quartermaster.server.portal;

import io.quartermaster.server.platform.errors.FieldValidationException;
import io.quartermaster.server.platform.errors.QmException;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The server's refusal as a page shows it: the stable reason ({@code QuotaExceeded},
 * {@code CapacityUnavailable}…) and the sentence the service wrote for a person, exactly as the API's
 * problem document would carry them.
 */
public record Refusal(HttpStatus status, String reason, String message, String field)
        implements java.io.Serializable {

    static Refusal of(QmException e) {
        return new Refusal(e.status(), e.reason(), e.getMessage(),
                e instanceof FieldValidationException invalid ? invalid.field() : null);
    }

    static Refusal invalid(String field, String message) {
        return new Refusal(HttpStatus.BAD_REQUEST, "ValidationFailed", field + ": " + message, field);
    }

    static FieldValidationException invalidException(String field, String message) {
        return new FieldValidationException(field, message);
    }

    /** A refusal raised inside a workflow step reaches us wrapped by the engine. */
    static Optional<QmException> find(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof QmException refusal) {
                return Optional.of(refusal);
            }
        }
        return Optional.empty();
    }
}
