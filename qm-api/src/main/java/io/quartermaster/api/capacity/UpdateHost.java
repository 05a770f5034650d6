package io.quartermaster.api.capacity;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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
        @Size(min = 1, max = 100) String name,
        @Size(max = 100) String site,
        @Size(max = 20) List<@NotBlank @Size(max = 40) @Pattern(regexp = "^[^,]*$", message = "must not contain commas") String> tags,
        @Positive Integer totalCpu,
        @Positive Long totalMemoryMiB,
        @Positive Long totalDiskGiB,
        @DecimalMin("1.0") @DecimalMax("100.0") BigDecimal overcommitRatio,
        Long version) {}
