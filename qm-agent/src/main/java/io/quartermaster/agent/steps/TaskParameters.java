package io.quartermaster.agent.steps;

import io.quartermaster.agent.driver.MachineSpec;
import io.quartermaster.agent.driver.MasterImages.MasterImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a task's parameters ({@code machineId, name, cpu, memoryMiB, disks, imageRef, image, diskMode, properties,
 * hostname, sshKeys, ownerUsername, userData}); each step
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

    /**
     * The master image of the system disk ({@code image}: id, name, version, format, sizeBytes, sha256,
     * contentPath), or empty when the server sent none (then {@link #imageRef} names an image the driver knows).
     */
    static Optional<ImageParameter> image(StepTask task) {
        Object value = task.parameters().get("image");
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> image) || !(image.get("contentPath") instanceof String contentPath)
                || !(image.get("name") instanceof String name)) {
            throw StepFailure.invalidParameters("Parameter image needs at least a name and a contentPath, got " + value + ".");
        }
        String format = text(image.get("format"), "qcow2");
        if (!format.equals("qcow2") && !format.equals("raw")) {
            throw StepFailure.invalidParameters("Image format '" + format + "' is neither qcow2 nor raw.");
        }
        long size = image.get("sizeBytes") instanceof Number number ? number.longValue() : -1;
        return Optional.of(new ImageParameter(new MasterImage(text(image.get("id"), name), name,
                text(image.get("version"), ""), format, size, text(image.get("sha256"), null)), contentPath));
    }

    /** A master image and where the agent fetches its bytes. */
    record ImageParameter(MasterImage image, String contentPath) {}

    /** {@code diskMode}: whether the system disk is a linked clone ({@code LINKED_CLONE}, the default) or a full copy. */
    static boolean linkedClone(StepTask task) {
        Object mode = task.parameters().get("diskMode");
        if (mode == null || "LINKED_CLONE".equals(mode)) {
            return true;
        }
        if ("FULL_COPY".equals(mode)) {
            return false;
        }
        throw StepFailure.invalidParameters("diskMode '" + mode + "' is neither LINKED_CLONE nor FULL_COPY.");
    }

    /** {@code hostname}, else the machine's name. */
    static String hostname(StepTask task) {
        return task.parameters().get("hostname") instanceof String hostname && !hostname.isBlank() ? hostname : name(task);
    }

    /** {@code sshKeys}: the owner's OpenSSH public keys; empty when absent. */
    static List<String> sshKeys(StepTask task) {
        Object value = task.parameters().get("sshKeys");
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> keys) || !keys.stream().allMatch(String.class::isInstance)) {
            throw StepFailure.invalidParameters("Parameter sshKeys is not a list of strings.");
        }
        return keys.stream().map(String.class::cast).toList();
    }

    /** An optional string parameter ({@code ownerUsername}, {@code userData}); null when absent or blank. */
    static String optionalText(StepTask task, String key) {
        return text(task.parameters().get(key), null);
    }

    private static String text(Object value, String otherwise) {
        return value == null || value.toString().isBlank() ? otherwise : value.toString();
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
