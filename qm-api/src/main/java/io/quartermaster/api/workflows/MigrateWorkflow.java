package io.quartermaster.api.workflows;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Moves running instances of a workflow to another version. Without {@code fromVersion}, instances of
 * every other version are moved; without {@code machineIds}, every such instance is.
 */
public record MigrateWorkflow(
        @NotNull @Positive Integer toVersion,
        @Positive Integer fromVersion,
        @Size(max = 10_000) List<@NotBlank @Size(max = 255) String> machineIds) {}
