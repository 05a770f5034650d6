package io.quartermaster.api.catalog;

import io.quartermaster.api.Limits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * Changes a template. Absent fields keep their value, lists given replace the old ones whole;
 * {@code version}, when given, must match. Machines already built keep what they were built with.
 * Set {@code permanent: true} to drop the lease, or {@code leaseDays} to give one. {@code userData} given
 * empty removes it.
 */
public record UpdateTemplate(
        @Size(min = 1, max = 200) @Pattern(regexp = Limits.NOT_BLANK, message = "must not be blank") String name,
        @Size(max = 2000) String description,
        @Positive @Max(1024) Integer cpu,
        @Positive @Max(Limits.MAX_MEMORY_MIB) Long memoryMiB,
        @Size(min = 1, max = 16) List<@NotNull @Valid DiskSpec> disks,
        @Size(min = 1, max = 500) @Pattern(regexp = Limits.NOT_BLANK, message = "must not be blank") String imageRef,
        @Size(min = 1, max = 40) String hypervisorType,
        @Positive @Max(3650) Integer leaseDays,
        Boolean permanent,
        @PositiveOrZero @Max(365) Integer tombstoneDays,
        @Valid ApprovalPolicy approval,
        @Positive @Max(Limits.MAX_MACHINES) Integer maxMachinesPerUser,
        @Size(min = 1, max = 20) @Pattern(regexp = "^[a-z][a-z0-9-]*$",
                message = "must start with a lower-case letter and contain only a-z, 0-9 and '-'") String namingPrefix,
        @Size(max = 50) List<@NotNull @Valid CustomProperty> customProperties,
        @Size(max = 500) List<@NotNull UUID> entitledGroupIds,
        @Valid CostProfile cost,
        Long version,
        UUID imageId,
        DiskMode diskMode,
        @Size(max = CreateTemplate.MAX_USER_DATA_CHARS) String userData) {}
