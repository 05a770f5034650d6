package io.quartermaster.api.capacity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * Places one machine of a template for a group and holds its capacity, as a request will; an
 * administrator can use it to hold capacity by hand. Fails with {@code CapacityUnavailable} when no
 * reservation of the group has room.
 */
public record CreateClaim(@NotNull UUID groupId, @NotNull UUID templateId, @NotBlank @Size(max = 500) String reason) {}
