package io.quartermaster.api.tenancy;

import io.quartermaster.api.Limits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Changes a tenant. Absent fields keep their value. {@code version}, when given, must match the
 * current one (compare-and-swap); otherwise the change is refused with {@code Conflict}.
 */
public record UpdateTenant(@Pattern(regexp = Limits.NOT_BLANK, message = "must not be blank") @Size(min = 1, max = 200) String displayName, Long version) {}
