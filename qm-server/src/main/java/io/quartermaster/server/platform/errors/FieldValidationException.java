package io.quartermaster.server.platform.errors;

import org.springframework.http.HttpStatus;

/** A request field whose value is well-formed but not acceptable; the problem names the field. */
public class FieldValidationException extends QmException {

    private final String field;

    public FieldValidationException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, "ValidationFailed", field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String fieldMessage() {
        return getMessage().substring(field.length() + 2);
    }
}
