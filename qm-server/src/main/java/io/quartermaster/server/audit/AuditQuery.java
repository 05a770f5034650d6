package io.quartermaster.server.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Filters of an audit listing. {@code visibleTenants} and {@code visibleGroups} limit it to what the
 * caller may read; both null means everything (system administrators).
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
        Collection<UUID> visibleTenants,
        Collection<UUID> visibleGroups) {}
