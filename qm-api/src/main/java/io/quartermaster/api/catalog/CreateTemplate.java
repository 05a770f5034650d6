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
 * Creates a template. Give either {@code leaseDays} or {@code permanent: true}. Defaults: tombstone 7
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
        @NotBlank @Size(max = 500) String imageRef,
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
        @Valid CostProfile cost) {}
