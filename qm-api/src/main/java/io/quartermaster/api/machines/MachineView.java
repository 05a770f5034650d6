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
 * {@code tombstoneEndsAt} is set while it is Expired. {@code connection} says how to reach it.
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
        long version,
        Connection connection) {

    /** A machine as it was before connections were shown (connection unknown). */
    public MachineView(UUID id, String name, UUID requestId, UUID tenantId, UUID groupId, UUID templateId,
            String templateName, UUID ownerId, String owner, MachineState state, PowerState powerState, UUID hostId,
            String hostName, int cpu, long memoryMiB, long diskGiB, Map<String, String> properties,
            Instant provisionedAt, Instant leaseExpiresAt, Integer reminderDaysBefore, Instant expiredAt,
            Instant tombstoneEndsAt, String currentStep, Failure lastFailure, List<Condition> conditions,
            List<String> allowedActions, String workflow, Integer workflowVersion, Instant createdAt, long version) {
        this(id, name, requestId, tenantId, groupId, templateId, templateName, ownerId, owner, state, powerState, hostId,
                hostName, cpu, memoryMiB, diskGiB, properties, provisionedAt, leaseExpiresAt, reminderDaysBefore,
                expiredAt, tombstoneEndsAt, currentStep, lastFailure, conditions, allowedActions, workflow,
                workflowVersion, createdAt, version, Connection.UNKNOWN);
    }

    /**
     * How to reach the machine, as its host's agent reported it once it ran: its IPv4 {@code address}
     * (null while unknown), a {@code console} hint (e.g. the serial console's log or a virsh command),
     * and {@code ssh}, the command for its owner, when the address is known.
     */
    public record Connection(String address, String console, String ssh) {
        public static final Connection UNKNOWN = new Connection(null, null, null);
    }

    /** Why the last step failed, as the owner is told. */
    public record Failure(String step, String reason, String message, Instant at) {}
}
