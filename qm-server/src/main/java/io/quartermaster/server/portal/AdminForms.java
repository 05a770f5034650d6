package io.quartermaster.server.portal;

import io.quartermaster.server.platform.errors.FieldValidationException;
import io.quartermaster.server.platform.errors.QmException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * What the administration forms share. A form is turned into the API's own request body (the same JSON
 * shape, converted by the API's mapper) and checked by the same validation, so a page refuses exactly
 * what the API refuses and says it the same way. A refused form goes back to its page with what was
 * typed and the reason, as one-time attributes, and the refusal is audited like a refused API call.
 */
@Component
class AdminForms {

    static final String TYPED = "typed";
    static final String REFUSAL = "refusal";

    /** The API's mapper, but taking numbers and booleans from text: everything a form sends is text. */
    private final ObjectMapper mapper;
    private final Validator validator;
    private final RefusalAudit audit;

    AdminForms(ObjectMapper mapper, Validator validator, RefusalAudit audit) {
        this.mapper = ((JsonMapper) mapper).rebuild()
                .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
                .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
                .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
                .build();
        this.validator = validator;
        this.audit = audit;
    }

    /** The request body the API would have received, or a field's refusal. */
    <T> T bind(Map<String, ?> json, Class<T> type) {
        T body;
        try {
            body = mapper.convertValue(json, type);
        } catch (IllegalArgumentException | DatabindException e) {
            throw wrongType(e);
        }
        var violation = validator.validate(body).stream()
                .min(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()));
        if (violation.isPresent()) {
            throw new FieldValidationException(violation.get().getPropertyPath().toString(), violation.get().getMessage());
        }
        return body;
    }

    /** The typed values worth sending: blank fields are left out (the API's defaults apply). */
    static Map<String, Object> filled(Map<String, String> form, String... names) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (String name : names) {
            String value = form.get(name);
            if (value != null && !value.isBlank()) {
                json.put(name, value.strip());
            }
        }
        return json;
    }

    /** A comma-separated field as a list (empty when nothing was typed). */
    static List<String> list(String typed) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        return Arrays.stream(typed.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Done: the next page says so. */
    String done(RedirectAttributes redirect, String text, String to) {
        redirect.addFlashAttribute(Notice.FLASH, Notice.done(text));
        return "redirect:" + to;
    }

    /**
     * Refused: back to {@code to} with the typed values and the reason (a NotFound too: a user or group
     * named in the form that is not there; a page whose own subject is gone answers 404 when shown).
     */
    String refused(RuntimeException thrown, HttpServletRequest request, Map<String, String> typed,
            RedirectAttributes redirect, String to) {
        QmException refusal = Refusal.find(thrown).orElseThrow(() -> thrown);
        Refusal shown = Refusal.of(refusal);
        audit.refused(request, shown);
        Map<String, String> kept = new LinkedHashMap<>(typed);
        kept.remove("_csrf");
        redirect.addFlashAttribute(TYPED, kept);
        redirect.addFlashAttribute(REFUSAL, shown);
        redirect.addFlashAttribute(Notice.FLASH, Notice.refused(shown));
        return "redirect:" + to;
    }

    private static FieldValidationException wrongType(RuntimeException e) {
        Throwable cause = e instanceof DatabindException ? e : e.getCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("value");
            boolean number = databind instanceof InvalidFormatException format && format.getTargetType() != null
                    && (Number.class.isAssignableFrom(format.getTargetType()) || format.getTargetType().isPrimitive());
            return new FieldValidationException(field, number ? "must be a number" : "is not a valid value here");
        }
        return new FieldValidationException("form", "has a value of the wrong kind: " + e.getMessage());
    }
}
