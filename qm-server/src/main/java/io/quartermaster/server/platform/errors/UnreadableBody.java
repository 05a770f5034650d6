package io.quartermaster.server.platform.errors;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Explains why a request body could not be read, in words a person can act on: malformed JSON (with
 * where), an unknown field (with the known ones), a value of the wrong type (with the field and the
 * expected type), a missing body, or one that is too large.
 */
final class UnreadableBody {

    record Explanation(String reason, String detail, String field, PayloadTooLargeException tooLarge) {}

    private UnreadableBody() {}

    static Explanation explain(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return new Explanation(tooLarge.reason(), tooLarge.getMessage(), null, tooLarge);
            }
        }
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            String known = knownFields(unknown.getKnownPropertyIds());
            return new Explanation("UnknownField",
                    "Unknown field '" + field + "' in the request body." + (known.isEmpty() ? "" : " Known fields: " + known + "."),
                    field, null);
        }
        if (cause instanceof InvalidFormatException invalid) {
            String field = path(invalid);
            return new Explanation("InvalidFieldValue", "Field '" + field + "' must be "
                    + describeType(invalid.getTargetType()) + " (got " + quote(invalid.getValue()) + ").", field, null);
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            String field = path(mismatched);
            Class<?> target = mismatched.getTargetType();
            String expected = target == null ? "of another type" : describeType(target);
            return new Explanation("InvalidFieldValue", "Field '" + field + "' must be " + expected + ".", field, null);
        }
        if (cause instanceof StreamReadException malformed) {
            return new Explanation("MalformedJson", "The request body is not valid JSON: "
                    + malformed.getOriginalMessage() + at(malformed.getLocation()) + ".", null, null);
        }
        // Jackson's own words here name Java types; say it plainly instead.
        if (cause instanceof MismatchedInputException) {
            return new Explanation("MalformedJson", "The request body must be a JSON object with the fields of this"
                    + " request (see the API document).", null, null);
        }
        if (cause instanceof JacksonException) {
            return new Explanation("MalformedJson", "The request body could not be read as JSON.", null, null);
        }
        return new Explanation("MissingBody", "This request needs a JSON body.", null, null);
    }

    static String describeType(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == java.math.BigDecimal.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 time such as 2026-01-31T12:00:00Z";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String path(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String knownFields(Collection<Object> known) {
        return known == null ? "" : known.stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
    }

    private static String quote(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static String at(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
