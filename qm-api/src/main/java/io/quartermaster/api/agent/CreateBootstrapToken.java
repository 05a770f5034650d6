package io.quartermaster.api.agent;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.UUID;

/**
 * Makes a one-time bootstrap token for an agent that will serve {@code hostIds} (hosts of one tenant).
 * {@code validHours} defaults to 24.
 */
public record CreateBootstrapToken(@NotEmpty List<UUID> hostIds, @Positive @Max(720) Integer validHours) {}
