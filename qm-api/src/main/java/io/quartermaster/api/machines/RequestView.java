package io.quartermaster.api.machines;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A request and the machines it created. {@code state}: PendingApproval, Approved, Rejected or Expired. */
public record RequestView(
        UUID id,
        UUID tenantId,
        UUID groupId,
        UUID templateId,
        String templateName,
        UUID requesterId,
        String requester,
        int count,
        Map<String, String> properties,
        String reason,
        boolean approvalRequired,
        String state,
        String decidedBy,
        Instant decidedAt,
        String decisionReason,
        Instant createdAt,
        List<MachineView> machines) {}
