package io.quartermaster.server.platform.errors;

import io.quartermaster.api.Problem;
import io.quartermaster.server.platform.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** Builds and writes problem documents, so every error looks the same wherever it is raised. */
@Component
public class Problems {

    private final ObjectMapper json;

    public Problems(ObjectMapper json) {
        this.json = json;
    }

    public static Problem of(HttpServletRequest request, HttpStatusCode status, String reason, String detail,
            List<Problem.FieldError> errors) {
        String title = org.springframework.http.HttpStatus.resolve(status.value()) instanceof
                org.springframework.http.HttpStatus known ? known.getReasonPhrase() : "Error";
        return new Problem("about:blank", title, status.value(), detail, request.getRequestURI(), reason,
                RequestIdFilter.current(request), errors);
    }

    /** For filters, which run outside Spring MVC's exception handling. */
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status,
            String reason, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), of(request, status, reason, detail, List.of()));
    }
}
