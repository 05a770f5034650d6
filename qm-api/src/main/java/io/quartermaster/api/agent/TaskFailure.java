package io.quartermaster.api.agent;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A task failed: a CamelCase {@code reason} ({@code HostUnreachable}, {@code ImageNotFound}…), a message
 * for a person, and whether trying again may help ({@code retryable}: the server re-queues it after a
 * pause while attempts remain; otherwise the workflow undoes what it did and the machine fails).
 */
public record TaskFailure(
        int attempt,
        long epoch,
        @NotBlank @Size(max = 100) String reason,
        @Size(max = 2000) String message,
        boolean retryable) {}
