package io.quartermaster.agent.driver;

import java.util.List;
import java.util.UUID;

/** Optional feature: the driver makes the disks of its machines itself, blank or cloned from an image. */
public interface Volumes {

    /** Whether {@link VolumeSpec#linkedClone()} makes copy-on-write clones (else it makes full copies). */
    boolean linkedClones();

    /**
     * Makes sure the volume {@code (machineId, role)} exists. An existing one is returned as it is (its size
     * and contents are not changed), so a repeated call makes one volume. Fails with {@code ImageNotFound}
     * (not retryable) when the base image is unknown; a failed clone leaves no partial volume behind.
     */
    Volume ensureVolume(VolumeSpec spec);

    /** The volumes of a machine, in the order they were made; empty when it has none. */
    List<Volume> volumesOf(UUID machineId);

    /**
     * Deletes every volume of the machine; none left counts as success. Fails with {@code VolumeInUse} (not
     * retryable) while the machine is still defined: destroy it first.
     */
    void deleteVolumes(UUID machineId);

    /** One disk to make: blank when {@code baseImage} is null, else cloned from it. */
    record VolumeSpec(UUID machineId, String role, long sizeGiB, String baseImage, boolean linkedClone) {}

    /** A volume as the driver has it; {@code location} is where it lives (a path, a pool and name…). */
    record Volume(UUID machineId, String role, long sizeGiB, String baseImage, boolean linkedClone, String location) {}
}
