package io.quartermaster.server.audit;

import io.quartermaster.api.Problem;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Caller;
import io.quartermaster.server.platform.errors.FailedCallListener;
import io.quartermaster.server.platform.errors.QmException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audits mutating calls that failed (denied, invalid, conflicting…), of the API and of the portal's pages.
 * The change itself rolled back, so the event is written in a transaction of its own; its outcome is the
 * problem's reason.
 */
@Component
class FailedCallAuditor implements FailedCallListener {

    private static final Logger log = LoggerFactory.getLogger(FailedCallAuditor.class);
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AuditRepository repository;
    private final Authorizer authorizer;
    private final TransactionTemplate separateTransaction;
    private final Clock clock;

    FailedCallAuditor(AuditRepository repository, Authorizer authorizer, PlatformTransactionManager transactions,
            Clock clock) {
        this.repository = repository;
        this.authorizer = authorizer;
        this.separateTransaction = new TransactionTemplate(transactions);
        this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public void callFailed(HttpServletRequest request, Problem problem) {
        boolean apiOrPage = request.getRequestURI().startsWith("/api/")
                || Boolean.TRUE.equals(request.getAttribute(FailedCallListener.PAGE_ACTION));
        if (!MUTATING.contains(request.getMethod()) || !apiOrPage || AuditService.auditedThisRequest()) {
            return; // not a change, or the change was made and audited before the response failed
        }
        Caller caller;
        try {
            caller = authorizer.caller();
        } catch (QmException unauthenticated) {
            return; // nobody to attribute it to; the access log has it
        }
        String action = Authorizer.currentOperation().orElse(request.getMethod() + " " + request.getRequestURI());
        var event = new AuditEvent(clock.instant(), problem.requestId(), caller.userId(), caller.username(),
                Authorizer.actingRole().orElse(null), caller.tenantId(), null, action, "request",
                request.getRequestURI(), problem.reason(), problem.detail());
        try {
            separateTransaction.executeWithoutResult(status -> repository.insert(event));
        } catch (RuntimeException e) {
            log.warn("Could not audit the failed call {} {}: {}", request.getMethod(), request.getRequestURI(),
                    e.getMessage());
        }
    }
}
