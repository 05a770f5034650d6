package io.quartermaster.agent.driver;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Optional feature: point-in-time copies of a machine's disks and configuration. */
public interface Snapshots {

    /**
     * Makes sure the machine has a snapshot called {@code name}; an existing one is returned unchanged, so a
     * repeated call makes one snapshot. Fails with {@code MachineNotFound} for an unknown machine.
     */
    Snapshot ensureSnapshot(UUID machineId, String name);

    /** The machine's snapshots, oldest first; empty for an unknown machine. */
    List<Snapshot> snapshotsOf(UUID machineId);

    /** Deletes the snapshot; one that is not there (or a machine that is not) counts as success. */
    void deleteSnapshot(UUID machineId, String name);

    record Snapshot(UUID machineId, String name, Instant createdAt) {}
}
