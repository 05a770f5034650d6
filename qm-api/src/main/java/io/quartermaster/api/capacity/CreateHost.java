package io.quartermaster.api.capacity;

import io.quartermaster.api.Limits;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Registers a host. {@code tenantId} may be left out by a tenant administrator (their tenant).
 * {@code overcommitRatio} (default 1) lets the reservations on this host add up to more cpu and memory
 * than it has; disk is never overcommitted.
 */
public record CreateHost(
        UUID tenantId,
        @NotBlank @Size(max = 100) String name,
        @NotBlank @Size(max = 40) @Pattern(regexp = "^[a-z0-9][a-z0-9_-]*$",
                message = "must be a lower-case word such as kvm, simulator or physical") String hypervisorType,
        @Size(max = 100) String site,
        @Size(max = 20) List<@NotBlank @Size(max = 40) @Pattern(regexp = "^[^,]*$", message = "must not contain commas") String> tags,
        @NotNull @Positive @Max(Limits.MAX_CPU) Integer totalCpu,
        @NotNull @Positive @Max(Limits.MAX_MEMORY_MIB) Long totalMemoryMiB,
        @NotNull @Positive @Max(Limits.MAX_DISK_GIB) Long totalDiskGiB,
        @DecimalMin("1.0") @DecimalMax("100.0") @Digits(integer = 3, fraction = 3) BigDecimal overcommitRatio) {}
