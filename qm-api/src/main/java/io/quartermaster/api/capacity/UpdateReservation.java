package io.quartermaster.api.capacity;

import io.quartermaster.api.Limits;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * Changes a reservation. Absent fields keep their value; {@code version}, when given, must match. A
 * reservation cannot shrink below what is claimed from it, nor grow beyond what its host has free.
 */
public record UpdateReservation(
        @Size(min = 1, max = 200) @Pattern(regexp = Limits.NOT_BLANK, message = "must not be blank") String name,
        @PositiveOrZero @Max(Limits.MAX_CPU) Integer cpu,
        @PositiveOrZero @Max(Limits.MAX_MEMORY_MIB) Long memoryMiB,
        @PositiveOrZero @Max(Limits.MAX_DISK_GIB) Long diskGiB,
        @PositiveOrZero @Max(Limits.MAX_MACHINES) Integer maxMachines,
        @Min(0) @Max(1000000) Integer priority,
        @DecimalMin("1.0") @DecimalMax("100.0") @Digits(integer = 3, fraction = 3) BigDecimal overcommitRatio,
        Boolean preemptible,
        @Min(1) @Max(100) Integer warningPercent,
        @Min(1) @Max(100) Integer criticalPercent,
        Long version) {}
