package io.quartermaster.server.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * What to look for in the audit trail; every field is optional. {@code since} is inclusive, {@code until}
 * exclusive.
 */
public record AuditFilter(String requestId, String actor, String action, String targetType, String targetId,
        String outcome, UUID tenantId, UUID groupId, Instant since, Instant until) {}
