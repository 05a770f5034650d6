package io.quartermaster.api.agent;

import java.util.List;
import java.util.UUID;

/**
 * What an agent sees on one host, sent every few seconds and at once after a change; it is also the
 * heartbeat. {@code facts} may be null after the first report. {@code machines} lists every machine the
 * hypervisor knows, managed or not: a machine managed by Quartermaster has the machine id as its
 * hypervisor UUID. {@code epoch} is the last epoch the server answered this agent for this host (0 after
 * the agent starts): a primary reporting 0 is taken to have restarted, and the tasks it had in flight
 * are delivered again at once under a new epoch.
 */
public record InventoryReport(long epoch, HostFacts facts, List<SeenMachine> machines) {

    /** The host as the driver fingerprints it. */
    public record HostFacts(int cpuCount, long memoryMiB, String hypervisor, String hypervisorVersion,
            String driver, String agentVersion) {}

    /**
     * One machine as the hypervisor has it; {@code powerState} is On, Off, Suspended or Unknown;
     * {@code address} its IPv4 address when the driver knows one (else null: the server keeps the last).
     */
    public record SeenMachine(UUID id, String name, String powerState, int cpu, long memoryMiB, String address) {

        /** A machine whose address the driver does not report. */
        public SeenMachine(UUID id, String name, String powerState, int cpu, long memoryMiB) {
            this(id, name, powerState, cpu, memoryMiB, null);
        }
    }
}
