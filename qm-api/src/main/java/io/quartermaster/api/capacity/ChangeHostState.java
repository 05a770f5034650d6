package io.quartermaster.api.capacity;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Enables a host, or takes it out of placement (maintenance, disabled) with a reason people will see. */
public record ChangeHostState(@NotNull HostState state, @Size(max = 500) String reason) {}
