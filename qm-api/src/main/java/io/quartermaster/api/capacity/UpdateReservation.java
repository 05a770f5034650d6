package io.quartermaster.api.capacity;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * Changes a reservation. Absent fields keep their value; {@code version}, when given, must match. A
 * reservation cannot shrink below what is claimed from it, nor grow beyond what its host has free.
 */
public record UpdateReservation(
        @Size(min = 1, max = 200) String name,
        @PositiveOrZero Integer cpu,
        @PositiveOrZero Long memoryMiB,
        @PositiveOrZero Long diskGiB,
        @PositiveOrZero Integer maxMachines,
        @Min(0) @Max(1000000) Integer priority,
        @DecimalMin("1.0") @DecimalMax("100.0") BigDecimal overcommitRatio,
        Boolean preemptible,
        @Min(1) @Max(100) Integer warningPercent,
        @Min(1) @Max(100) Integer criticalPercent,
        Long version) {}
