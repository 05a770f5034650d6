package io.quartermaster.agent.steps;

import io.quartermaster.agent.driver.Driver;
import java.util.Map;

/**
 * {@code Delete-Volume}: deletes every volume of the machine; none left counts as done. The driver refuses
 * while the machine is still defined ({@code VolumeInUse}): undo destroys the machine first.
 */
final class DeleteVolumeStep implements StepHandler {

    private final Driver driver;

    DeleteVolumeStep(Driver driver) {
        this.driver = driver;
    }

    @Override
    public Map<String, Object> run(StepTask task) {
        var machineId = TaskParameters.machineId(task);
        driver.volumes().ifPresent(volumes -> volumes.deleteVolumes(machineId));
        return Map.of("deleted", true);
    }
}
