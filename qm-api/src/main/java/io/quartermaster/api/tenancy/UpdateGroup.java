package io.quartermaster.api.tenancy;

import jakarta.validation.constraints.Size;

/** Changes a group. Absent fields keep their value; {@code version}, when given, must match. */
public record UpdateGroup(
        @Size(min = 1, max = 200) String name,
        @Size(max = 2000) String description,
        PlacementPolicy placementPolicy,
        Long version) {}
