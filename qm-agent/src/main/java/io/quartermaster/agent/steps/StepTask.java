package io.quartermaster.agent.steps;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What a step handler is asked to do: the task's id, the step's name, the machine it is for, the parameters
 * the server sent, and whether it takes back an earlier step after a failure ({@code undo}).
 */
public record StepTask(UUID taskId, String step, UUID machineId, Map<String, Object> parameters, boolean undo) {

    public StepTask {
        // Parameters may hold nulls (a template without an image), which Map.copyOf refuses.
        parameters = parameters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
