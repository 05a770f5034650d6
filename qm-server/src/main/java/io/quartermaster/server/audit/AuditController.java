package io.quartermaster.server.audit;

import io.quartermaster.api.Page;
import io.quartermaster.api.audit.AuditEventView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.access.Visibility;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.web.PageParams;
import java.time.Instant;
import java.util.UUID;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit}: the audit trail, newest first, for administrators — a system administrator
 * sees everything, a tenant administrator their tenant, a group administrator their groups.
 */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
class AuditController {

    private final AuditRepository repository;
    private final Authorizer authorizer;

    AuditController(AuditRepository repository, Authorizer authorizer) {
        this.repository = repository;
        this.authorizer = authorizer;
    }

    @GetMapping
    @Transactional(readOnly = true)
    Page<AuditEventView> list(
            @RequestParam(required = false) String requestId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String targetType,
            @RequestParam(required = false) String targetId,
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) UUID tenantId,
            @RequestParam(required = false) UUID groupId,
            @RequestParam(required = false) Instant since,
            @RequestParam(required = false) Instant until,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        PageParams paging = PageParams.of(page, size);
        Visibility visible = authorizer.visibility(Operation.AUDIT_READ);
        if (visible.nothing()) {
            throw QmException.forbidden("Only administrators may read the audit trail.");
        }
        var query = new AuditQuery(requestId, actor, action, targetType, targetId, outcome, tenantId, groupId, since, until,
                visible);
        return new Page<>(repository.find(query, paging.offset(), paging.size()), paging.page(), paging.size(),
                repository.count(query));
    }
}
