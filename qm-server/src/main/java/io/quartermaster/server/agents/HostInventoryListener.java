package io.quartermaster.server.agents;

import io.quartermaster.api.agent.InventoryAck.PowerCorrection;
import io.quartermaster.api.agent.InventoryReport.SeenMachine;
import java.util.List;
import java.util.UUID;

/**
 * Compares what a host's primary agent sees with what the server believes about the machines on that
 * host (the machines feature implements it; agents know nothing of machines). Called in the report's
 * transaction.
 */
public interface HostInventoryListener {

    /**
     * Records the differences as conditions on the machines and returns what the agent should know:
     * the machines seen that nobody manages, and power corrections when {@code correctPower} is on.
     */
    Reconciliation reconcile(UUID hostId, List<SeenMachine> seen, boolean correctPower);

    record Reconciliation(List<SeenMachine> unmanaged, List<PowerCorrection> corrections) {}
}
