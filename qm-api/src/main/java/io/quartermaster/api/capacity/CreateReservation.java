package io.quartermaster.api.capacity;

import io.quartermaster.api.Limits;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * Reserves part of a host for a group. Defaults: priority 100, overcommit ratio 1, not preemptible,
 * alerts at 80% (warning) and 95% (critical).
 */
public record CreateReservation(
        @NotNull UUID groupId,
        @NotBlank @Size(max = 200) String name,
        @NotNull @PositiveOrZero @Max(Limits.MAX_CPU) Integer cpu,
        @NotNull @PositiveOrZero @Max(Limits.MAX_MEMORY_MIB) Long memoryMiB,
        @NotNull @PositiveOrZero @Max(Limits.MAX_DISK_GIB) Long diskGiB,
        @NotNull @PositiveOrZero @Max(Limits.MAX_MACHINES) Integer maxMachines,
        @Min(0) @Max(1000000) Integer priority,
        @DecimalMin("1.0") @DecimalMax("100.0") @Digits(integer = 3, fraction = 3) BigDecimal overcommitRatio,
        Boolean preemptible,
        @Min(1) @Max(100) Integer warningPercent,
        @Min(1) @Max(100) Integer criticalPercent) {}
