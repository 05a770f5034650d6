package io.quartermaster.api.agent;

import java.util.List;
import java.util.UUID;

/**
 * The server's answer to an inventory report: whether this agent is the host's primary (only the
 * primary acts; a backup keeps reporting and polling and takes over when the primary's lease lapses),
 * the current fencing {@code epoch} to put on results, and the power corrections policy asks the agent
 * to make (empty unless the host's policy says to correct power drift).
 */
public record InventoryAck(boolean primary, long epoch, List<PowerCorrection> corrections) {

    /** Put machine {@code machineId} in {@code powerState} (On or Off). */
    public record PowerCorrection(UUID machineId, String powerState) {}
}
