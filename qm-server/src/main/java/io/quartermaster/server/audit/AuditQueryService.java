package io.quartermaster.server.audit;

import io.quartermaster.api.Page;
import io.quartermaster.api.audit.AuditEventView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.access.Visibility;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.web.PageParams;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the audit trail, newest first, for administrators: a system administrator sees everything, a
 * tenant administrator their tenant, a group administrator their groups.
 */
@Service
public class AuditQueryService {

    private final AuditRepository repository;
    private final Authorizer authorizer;

    AuditQueryService(AuditRepository repository, Authorizer authorizer) {
        this.repository = repository;
        this.authorizer = authorizer;
    }

    @Transactional(readOnly = true)
    public Page<AuditEventView> find(AuditFilter filter, PageParams paging) {
        Visibility visible = authorizer.visibility(Operation.AUDIT_READ);
        if (visible.nothing()) {
            throw QmException.forbidden("Only administrators may read the audit trail.");
        }
        var query = new AuditQuery(filter.requestId(), filter.actor(), filter.action(), filter.targetType(),
                filter.targetId(), filter.outcome(), filter.tenantId(), filter.groupId(), filter.since(),
                filter.until(), visible);
        return new Page<>(repository.find(query, paging.offset(), paging.size()), paging.page(), paging.size(),
                repository.count(query));
    }
}
