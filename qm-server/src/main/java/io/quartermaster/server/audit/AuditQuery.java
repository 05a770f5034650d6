package io.quartermaster.server.audit;

import io.quartermaster.server.access.Visibility;
import java.time.Instant;
import java.util.UUID;

/**
 * Filters of an audit listing, and what the caller may read of it.
 */
record AuditQuery(
        String requestId,
        String actor,
        String action,
        String targetType,
        String targetId,
        String outcome,
        UUID tenantId,
        UUID groupId,
        Instant since,
        Instant until,
        Visibility visible) {}
