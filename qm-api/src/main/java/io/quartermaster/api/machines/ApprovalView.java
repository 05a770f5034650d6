package io.quartermaster.api.machines;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something waiting for a group administrator: a request ({@code kind} Request) or a lease extension
 * beyond the template's policy ({@code kind} LeaseExtension). {@code state}: Pending, Approved, Rejected
 * or Expired (nobody decided before {@code expiresAt}).
 */
public record ApprovalView(
        UUID id,
        String kind,
        UUID requestId,
        UUID machineId,
        UUID tenantId,
        UUID groupId,
        String groupName,
        UUID templateId,
        String templateName,
        UUID requesterId,
        String requester,
        int count,
        Map<String, String> properties,
        String reason,
        Integer extensionDays,
        long cpu,
        long memoryMiB,
        long diskGiB,
        String state,
        Instant createdAt,
        Instant expiresAt,
        String decidedBy,
        Instant decidedAt,
        String decisionReason) {}
