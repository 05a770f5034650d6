package io.quartermaster.server.audit;

import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Caller;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.platform.db.AfterCommit;
import io.quartermaster.server.platform.web.RequestIdFilter;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Writes the audit trail. {@link #success} joins the caller's transaction and refuses to run without
 * one, so an event exists exactly when its change was committed.
 */
@Service
public class AuditService {

    /** Outcome of a change that was made. Failed calls carry their problem's reason instead. */
    public static final String SUCCESS = "Success";
    static final String AUDITED = AuditService.class.getName() + ".audited";

    private final AuditRepository repository;
    private final Authorizer authorizer;
    private final Clock clock;

    AuditService(AuditRepository repository, Authorizer authorizer, Clock clock) {
        this.repository = repository;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    /**
     * Records a change made by the current caller, in the current transaction.
     *
     * @param where     the tenant and group the target lives in (who may read the event follows from it)
     * @param details   what changed, in words or JSON; may be null
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void success(String action, Scope where, String targetType, Object targetId, String details) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        String actor;
        java.util.UUID actorId;
        String role;
        if (request != null) {
            Caller caller = authorizer.caller();
            actor = caller.username();
            actorId = caller.userId();
            role = Authorizer.actingRole().orElse(null);
            // Marked only once the change is committed: a failure after that (writing the response)
            // must not be audited as if the change had not happened.
            AfterCommit.run(() -> request.setAttribute(AUDITED, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST));
        } else {
            actor = "system";
            actorId = null;
            role = "SYSTEM";
        }
        repository.insert(new AuditEvent(clock.instant(), RequestIdFilter.current(null), actorId, actor, role,
                where.tenantId(), where.groupId(), action, targetType,
                targetId == null ? null : targetId.toString(), SUCCESS, details));
    }

    /** Records something the system itself did (start-up, bootstrap), in the current transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void system(String action, Scope where, String targetType, Object targetId, String details) {
        repository.insert(new AuditEvent(clock.instant(), null, null, "system", "SYSTEM", where.tenantId(),
                where.groupId(), action, targetType, targetId == null ? null : targetId.toString(), SUCCESS,
                details));
    }

    /** True when the current request's change, with its success event, was committed. */
    static boolean auditedThisRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request != null && Boolean.TRUE.equals(request.getAttribute(AUDITED, RequestAttributes.SCOPE_REQUEST));
    }
}
