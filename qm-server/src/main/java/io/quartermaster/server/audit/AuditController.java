package io.quartermaster.server.audit;

import io.quartermaster.api.Page;
import io.quartermaster.api.audit.AuditEventView;
import io.quartermaster.server.platform.web.PageParams;
import java.time.Instant;
import java.util.UUID;
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

    private final AuditQueryService audit;

    AuditController(AuditQueryService audit) {
        this.audit = audit;
    }

    @GetMapping
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
        return audit.find(new AuditFilter(requestId, actor, action, targetType, targetId, outcome, tenantId, groupId,
                since, until), PageParams.of(page, size));
    }
}
