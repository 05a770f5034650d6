package io.quartermaster.api.machines;

import jakarta.validation.constraints.Size;

/** An approver's words; required when rejecting. */
public record Decision(@Size(max = 1000) String reason) {}
