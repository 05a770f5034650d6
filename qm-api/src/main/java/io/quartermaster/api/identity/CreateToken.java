package io.quartermaster.api.identity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Creates a personal API token. It expires after {@code expiresInDays} (default 90, at most 366). */
public record CreateToken(
        @NotBlank @Size(max = 100) String name,
        @Min(1) @Max(366) Integer expiresInDays) {}
