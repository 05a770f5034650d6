package io.quartermaster.server.machines;

import io.quartermaster.api.catalog.ApprovalPolicy;
import io.quartermaster.api.catalog.DiskSpec;
import java.util.List;

/**
 * What the machine was asked to be, copied from its template when requested: the build and the lease
 * policy use this copy, so changing the template later changes new machines only.
 */
record MachineSpec(int cpu, long memoryMiB, List<DiskSpec> disks, long diskGiB, String imageRef,
        String hypervisorType, String namingPrefix, Integer leaseDays, int tombstoneDays, ApprovalPolicy approval) {}
