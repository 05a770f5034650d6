package io.quartermaster.server.audit;

import java.time.Instant;
import java.util.UUID;

/** One row of the audit trail as it is written. */
record AuditEvent(
        Instant at,
        String requestId,
        UUID actorId,
        String actor,
        String actorRole,
        UUID tenantId,
        UUID groupId,
        String action,
        String targetType,
        String targetId,
        String outcome,
        String details) {

    static final int MAX_DETAILS = 8000;

    private static String cut(String value, int max) {
        return value != null && value.length() > max ? value.substring(0, max) : value;
    }

    AuditEvent {
        if (details != null && details.length() > MAX_DETAILS) {
            details = details.substring(0, MAX_DETAILS - 1) + "…";
        }
        targetId = cut(targetId, 100);
        action = cut(action, 100);
        actor = cut(actor, 63);
    }
}
