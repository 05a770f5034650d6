package io.quartermaster.api.catalog;

import io.quartermaster.api.Limits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * Creates a template. Give either {@code leaseDays} or {@code permanent: true}; give {@code imageRef}, or
 * {@code imageId} of a registered image (visible to the template's tenant), or both. {@code diskMode}
 * defaults to {@code LINKED_CLONE}; {@code userData} is cloud-init user-data for every machine. Defaults: tombstone 7
 * days, approval never, no per-user limit, naming prefix from the name, no custom properties, free.
 * {@code tenantId} may be left out by anyone who belongs to a tenant.
 */
public record CreateTemplate(
        UUID tenantId,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @NotNull @Positive @Max(1024) Integer cpu,
        @NotNull @Positive @Max(Limits.MAX_MEMORY_MIB) Long memoryMiB,
        @NotEmpty @Size(max = 16) List<@NotNull @Valid DiskSpec> disks,
        @Size(max = 500) @Pattern(regexp = Limits.NOT_BLANK, message = "must not be blank") String imageRef,
        @NotBlank @Size(max = 40) String hypervisorType,
        @Positive @Max(3650) Integer leaseDays,
        Boolean permanent,
        @PositiveOrZero @Max(365) Integer tombstoneDays,
        @Valid ApprovalPolicy approval,
        @Positive @Max(Limits.MAX_MACHINES) Integer maxMachinesPerUser,
        @Size(max = 20) @Pattern(regexp = "^[a-z][a-z0-9-]*$",
                message = "must start with a lower-case letter and contain only a-z, 0-9 and '-'") String namingPrefix,
        @Size(max = 50) List<@NotNull @Valid CustomProperty> customProperties,
        @Size(max = 500) List<@NotNull UUID> entitledGroupIds,
        @Valid CostProfile cost,
        UUID imageId,
        DiskMode diskMode,
        @Size(max = CreateTemplate.MAX_USER_DATA_CHARS) String userData) {

    /** Cloud-init user-data of a template, at most (characters). */
    public static final int MAX_USER_DATA_CHARS = 32768;

    /** A template without a registered image, linked clones and no user-data (the fields before images). */
    public CreateTemplate(UUID tenantId, String name, String description, Integer cpu, Long memoryMiB,
            List<DiskSpec> disks, String imageRef, String hypervisorType, Integer leaseDays, Boolean permanent,
            Integer tombstoneDays, ApprovalPolicy approval, Integer maxMachinesPerUser, String namingPrefix,
            List<CustomProperty> customProperties, List<UUID> entitledGroupIds, CostProfile cost) {
        this(tenantId, name, description, cpu, memoryMiB, disks, imageRef, hypervisorType, leaseDays, permanent,
                tombstoneDays, approval, maxMachinesPerUser, namingPrefix, customProperties, entitledGroupIds, cost, null,
                null, null);
    }
}
