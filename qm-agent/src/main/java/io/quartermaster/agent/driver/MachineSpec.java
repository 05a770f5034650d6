package io.quartermaster.agent.driver;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a machine should be: {@code id} becomes the hypervisor's UUID for it, which is how a machine is found
 * again after any restart or re-delivery. {@code disks} are the volumes made by {@link Volumes} for the same
 * machine id, attached in this order; {@code imageRef} is the image its system disk was cloned from.
 */
public record MachineSpec(UUID id, String name, int cpu, long memoryMiB, List<Disk> disks, String imageRef) {

    public MachineSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        disks = disks == null ? List.of() : List.copyOf(disks);
    }

    /** One disk: what it is for ({@code system}, {@code data}…) and its size. */
    public record Disk(String role, long sizeGiB) {}
}
