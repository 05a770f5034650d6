package io.quartermaster.server.platform.errors;

import io.quartermaster.api.Problem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception that reaches Spring MVC into {@code application/problem+json} with a stable
 * reason. Unknown failures are logged with their stack trace here and reach the client only as
 * {@code InternalError} with the request id to quote.
 */
@RestControllerAdvice
public class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    private final List<FailedCallListener> listeners;

    public ProblemResponses(List<FailedCallListener> listeners) {
        this.listeners = listeners;
    }

    @ExceptionHandler(FieldValidationException.class)
    ResponseEntity<Problem> fieldInvalid(FieldValidationException e, HttpServletRequest request) {
        return respond(request, e.status(), e.reason(), e.getMessage(),
                List.of(new Problem.FieldError(e.field(), e.fieldMessage())));
    }

    @ExceptionHandler(QmException.class)
    ResponseEntity<Problem> qm(QmException e, HttpServletRequest request) {
        return respond(request, e.status(), e.reason(), e.getMessage(), List.of());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Problem> invalidBody(MethodArgumentNotValidException e, HttpServletRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(new Problem.FieldError(error.getField(), error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.add(new Problem.FieldError(error.getObjectName(), error.getDefaultMessage())));
        errors.sort(java.util.Comparator.comparing(Problem.FieldError::field));
        return respond(request, HttpStatus.BAD_REQUEST, "ValidationFailed", describe(errors), errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Problem> invalidParameters(HandlerMethodValidationException e, HttpServletRequest request) {
        List<Problem.FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new Problem.FieldError(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())))
                .toList();
        return respond(request, HttpStatus.BAD_REQUEST, "ValidationFailed", describe(errors), errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Problem> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        var problem = UnreadableBody.explain(e);
        if (problem.tooLarge() != null) {
            return qm(problem.tooLarge(), request);
        }
        List<Problem.FieldError> errors = problem.field() == null ? List.of()
                : List.of(new Problem.FieldError(problem.field(), problem.detail()));
        return respond(request, HttpStatus.BAD_REQUEST, problem.reason(), problem.detail(), errors);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Problem> parameterType(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String expected = e.getRequiredType() == null ? "a valid value" : UnreadableBody.describeType(e.getRequiredType());
        String detail = "Parameter '" + e.getName() + "' must be " + expected + " (got '" + e.getValue() + "').";
        return respond(request, HttpStatus.BAD_REQUEST, "InvalidParameter", detail,
                List.of(new Problem.FieldError(e.getName(), "must be " + expected)));
    }

    @ExceptionHandler(TypeMismatchException.class)
    ResponseEntity<Problem> typeMismatch(TypeMismatchException e, HttpServletRequest request) {
        String name = e.getPropertyName() == null ? "a parameter" : "'" + e.getPropertyName() + "'";
        return respond(request, HttpStatus.BAD_REQUEST, "InvalidParameter",
                "Parameter " + name + " has an invalid value '" + e.getValue() + "'.", List.of());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Problem> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return respond(request, HttpStatus.BAD_REQUEST, "MissingParameter",
                "Query parameter '" + e.getParameterName() + "' is required.", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Problem> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return respond(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UnsupportedMediaType",
                "Send the request body as " + either(e.getSupportedMediaTypes()) + " (got " + e.getContentType() + ").",
                List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Problem> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return respond(request, HttpStatus.NOT_ACCEPTABLE, "NotAcceptable",
                "This resource is available as " + either(e.getSupportedMediaTypes()) + " only.", List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Problem> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        String allowed = e.getSupportedHttpMethods() == null ? "" : e.getSupportedHttpMethods().stream()
                .map(Object::toString).sorted().collect(Collectors.joining(", "));
        ResponseEntity<Problem> response = respond(request, HttpStatus.METHOD_NOT_ALLOWED, "MethodNotAllowed",
                request.getMethod() + " is not supported here; allowed: " + allowed + ".", List.of());
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header(HttpHeaders.ALLOW, allowed).body(response.getBody());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Problem> noResource(NoResourceFoundException e, HttpServletRequest request) {
        return respond(request, HttpStatus.NOT_FOUND, "NotFound",
                "There is nothing at " + request.getRequestURI() + ". The API lives under /api/v1.", List.of());
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Problem> lostRace(OptimisticLockingFailureException e, HttpServletRequest request) {
        return respond(request, HttpStatus.CONFLICT, "Conflict",
                "Someone else changed this at the same time. Reload it and try again.", List.of());
    }

    /**
     * The database gave up waiting for a row another change holds (a lock timeout, a deadlock it broke): the whole
     * transaction was rolled back, so nothing changed and the same request may simply be sent again.
     */
    @ExceptionHandler({PessimisticLockingFailureException.class, QueryTimeoutException.class})
    ResponseEntity<Problem> busy(DataAccessException e, HttpServletRequest request) {
        log.warn("{} {} gave up waiting for a lock: {}", request.getMethod(), request.getRequestURI(),
                e.getMostSpecificCause().getMessage());
        ResponseEntity<Problem> busy = respond(request, HttpStatus.SERVICE_UNAVAILABLE, "Busy", "Other changes to the"
                + " same data held it too long; nothing was changed. Send the same request again in a moment.", List.of());
        return ResponseEntity.status(busy.getStatusCode()).headers(busy.getHeaders()).header("Retry-After", "1")
                .body(busy.getBody());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Problem> integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        log.info("Integrity violation turned into Conflict: {}", e.getMostSpecificCause().getMessage());
        return respond(request, HttpStatus.CONFLICT, "Conflict",
                "The change conflicts with existing data (a duplicate, or something still in use).", List.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Problem> denied(AccessDeniedException e, HttpServletRequest request) {
        return respond(request, HttpStatus.FORBIDDEN, "Forbidden", "You are not allowed to do this.", List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> unexpected(Exception e, HttpServletRequest request) {
        // A refusal raised inside a workflow step reaches us wrapped by the engine: answer with it.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof QmException refusal) {
                return qm(refusal, request);
            }
        }
        if (e instanceof org.flowable.common.engine.api.FlowableOptimisticLockingException) {
            return respond(request, HttpStatus.CONFLICT, "Conflict",
                    "Something else moved this machine on at the same moment. Reload it and try again.", List.of());
        }
        if (e instanceof org.springframework.web.ErrorResponse known) {
            HttpStatusCode status = known.getStatusCode();
            return respond(request, status, status.is4xxClientError() ? "BadRequest" : "InternalError",
                    known.getBody().getDetail(), List.of());
        }
        log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(request, HttpStatus.INTERNAL_SERVER_ERROR, "InternalError",
                "Something went wrong on the server. If it happens again, report it with the request id.",
                List.of());
    }

    private ResponseEntity<Problem> respond(HttpServletRequest request, HttpStatusCode status, String reason,
            String detail, List<Problem.FieldError> errors) {
        Problem problem = Problems.of(request, status, reason, detail, errors);
        listeners.forEach(listener -> listener.callFailed(request, problem));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The API speaks JSON, except where an endpoint declares otherwise (BPMN files are XML). */
    private static String either(List<MediaType> supported) {
        List<String> types = supported.stream().filter(MediaType::isConcrete)
                .map(type -> type.getType() + "/" + type.getSubtype()).distinct().toList();
        return types.isEmpty() || types.contains(MediaType.APPLICATION_JSON_VALUE) ? MediaType.APPLICATION_JSON_VALUE
                : String.join(" or ", types);
    }

    private static String describe(List<Problem.FieldError> errors) {
        return "The request is invalid: " + errors.stream()
                .map(error -> error.field() + " " + error.message())
                .collect(Collectors.joining("; ")) + ".";
    }
}
