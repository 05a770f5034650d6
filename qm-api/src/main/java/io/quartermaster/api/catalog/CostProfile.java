package io.quartermaster.api.catalog;

import io.quartermaster.api.Limits;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
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
        @PositiveOrZero @DecimalMax(Limits.MAX_RATE) @Digits(integer = 9, fraction = 6) BigDecimal perCpuDay,
        @PositiveOrZero @DecimalMax(Limits.MAX_RATE) @Digits(integer = 9, fraction = 6) BigDecimal perGiBMemoryDay,
        @PositiveOrZero @DecimalMax(Limits.MAX_RATE) @Digits(integer = 9, fraction = 6) BigDecimal perGiBDiskDay,
        @PositiveOrZero @DecimalMax(Limits.MAX_RATE) @Digits(integer = 9, fraction = 6) BigDecimal perMachineDay) {

    public static final CostProfile FREE = new CostProfile("EUR", null, null, null, null);
}
