package io.quartermaster.api.tenancy;

import io.quartermaster.api.Limits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/** Changes a group. Absent fields keep their value; {@code version}, when given, must match. */
public record UpdateGroup(
        @Pattern(regexp = Limits.NOT_BLANK, message = "must not be blank") @Size(min = 1, max = 200) String name,
        @Size(max = 2000) String description,
        PlacementPolicy placementPolicy,
        Set<String> forbiddenActions,
        Long version) {}
