package io.quartermaster.server.catalog;

import io.quartermaster.api.catalog.ApprovalPolicy;
import io.quartermaster.api.catalog.CostProfile;
import io.quartermaster.api.catalog.CustomProperty;
import io.quartermaster.api.catalog.DiskMode;
import io.quartermaster.api.catalog.DiskSpec;
import io.quartermaster.api.catalog.TemplateView;
import io.quartermaster.server.access.Scope;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A template as stored. {@code leaseDays} null means permanent; {@code imageId} null: no registered image
 * (only {@code imageRef}); {@code userData} null: none.
 */
record Template(UUID id, UUID tenantId, String name, String description, int cpu, long memoryMiB, List<DiskSpec> disks,
        String imageRef, String hypervisorType, Integer leaseDays, int tombstoneDays, ApprovalPolicy approval,
        Integer maxMachinesPerUser, String namingPrefix, List<CustomProperty> customProperties,
        List<UUID> entitledGroupIds, CostProfile cost, Instant createdAt, long version, UUID imageId, DiskMode diskMode,
        String userData) {

    long diskGiB() {
        return disks.stream().mapToLong(DiskSpec::sizeGiB).sum();
    }

    Scope tenantScope() {
        return Scope.tenant(tenantId);
    }

    List<Scope> groupScopes() {
        return entitledGroupIds.stream().map(group -> Scope.group(tenantId, group)).toList();
    }

    TemplateView view() {
        return new TemplateView(id, tenantId, name, description, cpu, memoryMiB, disks, diskGiB(), imageRef,
                hypervisorType, leaseDays, leaseDays == null, tombstoneDays, approval, maxMachinesPerUser, namingPrefix,
                customProperties, entitledGroupIds, cost, createdAt, version, imageId, diskMode, userData);
    }
}
