package io.quartermaster.api.agent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the agents say about one host: {@code connection} is {@code Connected}, {@code Disconnected}
 * (no report for longer than the server's threshold) or {@code NeverConnected}; the primary agent and
 * the fencing epoch; the host as last fingerprinted; and machines found on it that Quartermaster does
 * not manage (offered for import).
 */
public record HostAgentView(UUID hostId, String hostName, String connection, UUID primaryAgentId, String primaryAgent,
        long epoch, Instant lastReportAt, InventoryReport.HostFacts facts, List<UnmanagedMachine> unmanaged) {

    /** A machine the hypervisor has and Quartermaster does not manage. */
    public record UnmanagedMachine(UUID hypervisorId, String name, String powerState, int cpu, long memoryMiB,
            Instant firstSeenAt, Instant lastSeenAt) {}
}
