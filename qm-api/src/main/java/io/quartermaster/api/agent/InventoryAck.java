package io.quartermaster.api.agent;

import java.util.List;
import java.util.UUID;

/**
 * The server's answer to an inventory report: whether this agent is the host's primary (only the
 * primary acts; a backup keeps reporting and takes over when the primary's lease lapses), the current
 * fencing {@code epoch} to put on results, the power corrections policy asks the agent to make (empty
 * unless the host's policy says to correct power drift), and how often the primary must report when
 * nothing changed.
 *
 * <p>{@code reportWithinMillis}: set for a primary when the server counts the agent's waiting long polls as
 * its heartbeat (they renew its lease and keep the host Connected). Such a primary reports when its
 * inventory changed, when it had no poll waiting, and otherwise at least this often. Absent (an older
 * server, or a backup), the agent reports every inventory interval, as the heartbeat.
 */
public record InventoryAck(boolean primary, long epoch, List<PowerCorrection> corrections, Long reportWithinMillis) {

    /** An answer that asks for a report every inventory interval. */
    public InventoryAck(boolean primary, long epoch, List<PowerCorrection> corrections) {
        this(primary, epoch, corrections, null);
    }

    /** Put machine {@code machineId} in {@code powerState} (On or Off). */
    public record PowerCorrection(UUID machineId, String powerState) {}
}
