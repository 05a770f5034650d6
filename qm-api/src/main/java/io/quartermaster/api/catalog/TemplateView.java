package io.quartermaster.api.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A template machines are built from. {@code leaseDays} is null for permanent machines ({@code
 * permanent} true). {@code diskGiB} is the sum of its disks. {@code version} grows with every change;
 * machines keep a copy of the template as it was when they were built. {@code imageId} names a registered
 * image (null: only {@code imageRef}, which then means something to the hosts' agents).
 */
public record TemplateView(
        UUID id,
        UUID tenantId,
        String name,
        String description,
        int cpu,
        long memoryMiB,
        List<DiskSpec> disks,
        long diskGiB,
        String imageRef,
        String hypervisorType,
        Integer leaseDays,
        boolean permanent,
        int tombstoneDays,
        ApprovalPolicy approval,
        Integer maxMachinesPerUser,
        String namingPrefix,
        List<CustomProperty> customProperties,
        List<UUID> entitledGroupIds,
        CostProfile cost,
        Instant createdAt,
        long version,
        UUID imageId,
        DiskMode diskMode,
        String userData) {

    /** A template as it was before images (no registered image, linked clones, no user-data). */
    public TemplateView(UUID id, UUID tenantId, String name, String description, int cpu, long memoryMiB,
            List<DiskSpec> disks, long diskGiB, String imageRef, String hypervisorType, Integer leaseDays,
            boolean permanent, int tombstoneDays, ApprovalPolicy approval, Integer maxMachinesPerUser,
            String namingPrefix, List<CustomProperty> customProperties, List<UUID> entitledGroupIds, CostProfile cost,
            Instant createdAt, long version) {
        this(id, tenantId, name, description, cpu, memoryMiB, disks, diskGiB, imageRef, hypervisorType, leaseDays,
                permanent, tombstoneDays, approval, maxMachinesPerUser, namingPrefix, customProperties, entitledGroupIds,
                cost, createdAt, version, null, DiskMode.LINKED_CLONE, null);
    }
}
