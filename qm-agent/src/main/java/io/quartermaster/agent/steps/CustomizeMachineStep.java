package io.quartermaster.agent.steps;

import io.quartermaster.agent.driver.Customization.CustomizationSpec;
import io.quartermaster.agent.driver.Driver;
import java.util.Map;

/**
 * {@code Customize-Machine}: gives the machine its hostname ({@code hostname}, else its name), its owner as a user
 * ({@code ownerUsername}) with the owner's {@code sshKeys}, the template's {@code userData} and its custom
 * properties before its first boot. A driver that cannot customize leaves the machine as its image made it; the step succeeds and
 * says so (an operator who needs more overrides the step with a script).
 */
final class CustomizeMachineStep implements StepHandler {

    private final Driver driver;

    CustomizeMachineStep(Driver driver) {
        this.driver = driver;
    }

    @Override
    public Map<String, Object> run(StepTask task) {
        var machineId = TaskParameters.machineId(task);
        var spec = new CustomizationSpec(TaskParameters.hostname(task), TaskParameters.properties(task),
                TaskParameters.optionalText(task, "ownerUsername"), TaskParameters.sshKeys(task),
                TaskParameters.optionalText(task, "userData"));
        if (driver.customization().isEmpty()) {
            return Map.of("customized", false, "skipped", "The " + driver.name() + " driver cannot customize machines.");
        }
        driver.customization().get().customize(machineId, spec);
        return Map.of("customized", true, "hostname", spec.hostname());
    }
}
