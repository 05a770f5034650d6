package io.quartermaster.api.capacity;

import io.quartermaster.api.Limits;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * Changes a host. Absent fields keep their value; {@code version}, when given, must match. A host
 * cannot shrink below what its reservations take.
 */
public record UpdateHost(
        @Size(min = 1, max = 100) @Pattern(regexp = Limits.NOT_BLANK, message = "must not be blank") String name,
        @Size(max = 100) String site,
        @Size(max = 20) List<@NotBlank @Size(max = 40) @Pattern(regexp = "^[^,]*$", message = "must not contain commas") String> tags,
        @Positive @Max(Limits.MAX_CPU) Integer totalCpu,
        @Positive @Max(Limits.MAX_MEMORY_MIB) Long totalMemoryMiB,
        @Positive @Max(Limits.MAX_DISK_GIB) Long totalDiskGiB,
        @DecimalMin("1.0") @DecimalMax("100.0") @Digits(integer = 3, fraction = 3) BigDecimal overcommitRatio,
        Long version) {}
