package io.quartermaster.api.machines;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A machine: what was asked for (template, size, properties), where it is (host), its state and power,
 * its lease, the step it is busy with, the last failure, its conditions (what the host's agent reports
 * differently) and the workflow version it runs on.
 * {@code leaseExpiresAt} is null for a permanent machine or before it is Active;
 * {@code tombstoneEndsAt} is set while it is Expired.
 */
public record MachineView(
        UUID id,
        String name,
        UUID requestId,
        UUID tenantId,
        UUID groupId,
        UUID templateId,
        String templateName,
        UUID ownerId,
        String owner,
        MachineState state,
        PowerState powerState,
        UUID hostId,
        String hostName,
        int cpu,
        long memoryMiB,
        long diskGiB,
        Map<String, String> properties,
        Instant provisionedAt,
        Instant leaseExpiresAt,
        Integer reminderDaysBefore,
        Instant expiredAt,
        Instant tombstoneEndsAt,
        String currentStep,
        Failure lastFailure,
        List<Condition> conditions,
        List<String> allowedActions,
        String workflow,
        Integer workflowVersion,
        Instant createdAt,
        long version) {

    /** Why the last step failed, as the owner is told. */
    public record Failure(String step, String reason, String message, Instant at) {}
}
