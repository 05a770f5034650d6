package io.quartermaster.server.portal;

import io.quartermaster.api.Problem;
import io.quartermaster.server.platform.errors.FailedCallListener;
import io.quartermaster.server.platform.errors.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A change asked for on a page and refused is written to the audit trail like a refused API call (the
 * page shows the refusal itself, so the API's problem responses never see it).
 */
@Component
class RefusalAudit {

    private final List<FailedCallListener> listeners;

    RefusalAudit(List<FailedCallListener> listeners) {
        this.listeners = listeners;
    }

    void refused(HttpServletRequest request, Refusal refusal) {
        request.setAttribute(FailedCallListener.PAGE_ACTION, true);
        List<Problem.FieldError> errors = refusal.field() == null ? List.of()
                : List.of(new Problem.FieldError(refusal.field(), refusal.message()));
        Problem problem = Problems.of(request, refusal.status(), refusal.reason(), refusal.message(), errors);
        listeners.forEach(listener -> listener.callFailed(request, problem));
    }
}
