package io.quartermaster.api.catalog;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;

/**
 * What a machine of a template costs per day: per virtual cpu, per GiB of memory, per GiB of disk and a
 * fixed amount per machine. Rates left out count as zero.
 */
public record CostProfile(
        @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be a three-letter currency code such as EUR") String currency,
        @PositiveOrZero BigDecimal perCpuDay,
        @PositiveOrZero BigDecimal perGiBMemoryDay,
        @PositiveOrZero BigDecimal perGiBDiskDay,
        @PositiveOrZero BigDecimal perMachineDay) {

    public static final CostProfile FREE = new CostProfile("EUR", null, null, null, null);
}
