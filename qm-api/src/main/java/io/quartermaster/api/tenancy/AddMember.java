package io.quartermaster.api.tenancy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Adds a user of the group's tenant to the group, or changes their role if they are already in it. */
public record AddMember(@NotBlank String username, @NotNull GroupRole role) {}
