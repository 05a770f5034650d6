package io.quartermaster.server.machines;

import io.quartermaster.api.catalog.ApprovalPolicy;
import io.quartermaster.api.catalog.DiskMode;
import io.quartermaster.api.catalog.DiskSpec;
import java.util.List;
import java.util.UUID;

/**
 * What the machine was asked to be, copied from its template when requested: the build and the lease
 * policy use this copy, so changing the template later changes new machines only. The copy includes the
 * registered image as it was ({@code image}, null when the template names none), how the disk is made from
 * it, the template's cloud-init user-data and the owner's SSH keys at the time of the request. Machines
 * requested before images existed have null there.
 */
record MachineSpec(int cpu, long memoryMiB, List<DiskSpec> disks, long diskGiB, String imageRef,
        String hypervisorType, String namingPrefix, Integer leaseDays, int tombstoneDays, ApprovalPolicy approval,
        Image image, DiskMode diskMode, String userData, List<String> sshKeys) {

    /** The registered image a machine is built from, as it was registered when the machine was requested. */
    record Image(UUID id, String name, String version, String format, long sizeBytes, String sha256,
            String contentPath) {}
}
