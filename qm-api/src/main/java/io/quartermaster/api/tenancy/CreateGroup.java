package io.quartermaster.api.tenancy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Set;
import java.util.UUID;

/**
 * Creates a business group. {@code tenantId} may be left out by a tenant administrator (their own
 * tenant is meant); a system administrator must give it. {@code placementPolicy} defaults to SPREAD;
 * {@code forbiddenActions} (machine action keys its users may not take) to none.
 */
public record CreateGroup(
        UUID tenantId,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        PlacementPolicy placementPolicy,
        Set<String> forbiddenActions) {}
