package io.quartermaster.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of every error response (RFC 9457 {@code application/problem+json}). {@code reason} is a
 * stable CamelCase word clients can switch on ({@code NotFound}, {@code ValidationFailed},
 * {@code Conflict}…); {@code detail} is a sentence a person can act on.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String reason,
        String requestId,
        List<FieldError> errors) {

    /** One invalid field of a request body or parameter. */
    public record FieldError(String field, String message) {}
}
