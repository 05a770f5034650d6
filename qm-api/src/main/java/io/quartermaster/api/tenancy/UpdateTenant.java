package io.quartermaster.api.tenancy;

import jakarta.validation.constraints.Size;

/**
 * Changes a tenant. Absent fields keep their value. {@code version}, when given, must match the
 * current one (compare-and-swap); otherwise the change is refused with {@code Conflict}.
 */
public record UpdateTenant(@Size(min = 1, max = 200) String displayName, Long version) {}
