package io.quartermaster.api.agent;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * An agent's first call: the one-time bootstrap token a tenant administrator made for a host or a
 * set of hosts, the agent's name (shown to administrators; unique per tenant) and its version.
 */
public record RegisterRequest(
        @NotBlank String bootstrapToken,
        @NotBlank @Size(max = 100) String agentName,
        @Size(max = 50) String version) {}
