package io.quartermaster.agent.steps;

import io.quartermaster.agent.driver.MachineSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a task's parameters ({@code machineId, name, cpu, memoryMiB, disks, imageRef, properties}); each step
 * reads only what it needs. A parameter that is missing or of the wrong type fails the step for good with
 * {@code InvalidParameters}: sending the same task again would not fix it.
 */
final class TaskParameters {

    private TaskParameters() {}

    static UUID machineId(StepTask task) {
        if (task.machineId() != null) {
            return task.machineId();
        }
        Object id = task.parameters().get("machineId");
        if (id == null) {
            throw StepFailure.invalidParameters(task.step() + " needs a machineId.");
        }
        try {
            return UUID.fromString(id.toString());
        } catch (IllegalArgumentException e) {
            throw StepFailure.invalidParameters("machineId '" + id + "' is not a UUID.");
        }
    }

    static MachineSpec spec(StepTask task) {
        Map<String, Object> p = task.parameters();
        return new MachineSpec(machineId(task), name(task), (int) positive(p, "cpu"), positive(p, "memoryMiB"),
                disks(task), imageRef(task));
    }

    static String name(StepTask task) {
        if (!(task.parameters().get("name") instanceof String name) || name.isBlank()) {
            throw StepFailure.invalidParameters("Parameter name is missing or not a string.");
        }
        return name;
    }

    static String imageRef(StepTask task) {
        Object image = task.parameters().get("imageRef");
        return image == null || image.toString().isBlank() ? null : image.toString();
    }

    static List<MachineSpec.Disk> disks(StepTask task) {
        Object value = task.parameters().get("disks");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw StepFailure.invalidParameters("Parameter disks is not a list.");
        }
        List<MachineSpec.Disk> disks = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> disk) || !(disk.get("role") instanceof String role)
                    || !(disk.get("sizeGiB") instanceof Number size)) {
                throw StepFailure.invalidParameters("Each disk needs a role and a sizeGiB, got " + item + ".");
            }
            disks.add(new MachineSpec.Disk(role, size.longValue()));
        }
        return disks;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(StepTask task) {
        return task.parameters().get("properties") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static long positive(Map<String, Object> p, String key) {
        if (!(p.get(key) instanceof Number value) || value.longValue() <= 0) {
            throw StepFailure.invalidParameters("Parameter " + key + " is missing or not a positive number.");
        }
        return value.longValue();
    }
}
