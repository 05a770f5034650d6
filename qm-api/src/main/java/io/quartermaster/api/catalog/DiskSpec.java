package io.quartermaster.api.catalog;

import io.quartermaster.api.Limits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/** One disk of a template: its size and what it is for ({@code system}, {@code data}, {@code swap}…). */
public record DiskSpec(
        @NotNull @Positive @Max(Limits.MAX_DISK_GIB) Long sizeGiB,
        @NotBlank @Pattern(regexp = "^[a-z][a-z0-9-]{0,30}$", message = "must be a lower-case word such as system or data")
        String role) {}
