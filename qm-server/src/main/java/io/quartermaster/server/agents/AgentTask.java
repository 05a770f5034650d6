package io.quartermaster.server.agents;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One unit of work for the agent of a host: run {@code step} (Create-Machine, Start-Machine…) with
 * {@code parameters} for a machine. {@code attempt} and {@code epoch} identify one delivery: a result
 * must name both, so a late answer from an agent that lost the task is refused.
 */
public record AgentTask(
        UUID id,
        long seq,
        UUID machineId,
        UUID hostId,
        String step,
        Map<String, Object> parameters,
        String state,
        boolean undo,
        int attempt,
        int maxAttempts,
        long epoch,
        String leasedBy,
        Instant leaseUntil,
        String executionId,
        String errorReason,
        String errorMessage,
        Instant createdAt,
        Instant completedAt) {

    public static final String QUEUED = "Queued";
    public static final String LEASED = "Leased";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    public static final String CANCELLED = "Cancelled";

    public boolean open() {
        return QUEUED.equals(state) || LEASED.equals(state);
    }
}
