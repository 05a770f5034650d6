package io.quartermaster.api.machines;

import java.time.Instant;

/**
 * One line of a machine's timeline. {@code kind}: Transition (state change), Step (a workflow step
 * started, finished or failed), Action (someone asked for something), Notice (someone was told).
 */
public record MachineEvent(
        long id,
        Instant at,
        String kind,
        String fromState,
        String toState,
        String step,
        String actor,
        String detail) {}
