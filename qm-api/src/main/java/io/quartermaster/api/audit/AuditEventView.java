package io.quartermaster.api.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One audited action: who ({@code actor}, the {@code role} they acted in), what ({@code action} on
 * {@code targetType}/{@code targetId}), how it ended ({@code outcome}: {@code Success} or the
 * problem's reason), and the request it came from.
 */
public record AuditEventView(
        long id,
        Instant at,
        String requestId,
        UUID actorId,
        String actor,
        String role,
        UUID tenantId,
        UUID groupId,
        String action,
        String targetType,
        String targetId,
        String outcome,
        String details) {}
