package io.quartermaster.agent.steps;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.DriverException;
import io.quartermaster.agent.driver.SimulatedCrash;
import io.quartermaster.agent.time.Sleeper;
import io.quartermaster.api.machines.PowerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The step handlers of one host, by step name. An executable {@code <steps.dir>/<Step-Name>} wins over the
 * built-in handler of that name (or adds a step there is none for); it is looked for at every task, so an
 * operator can add or remove one without restarting the agent. See {@link ExecutableStep} for its contract.
 */
public final class StepCatalog {

    /** Step names are CamelCase words joined by hyphens, which also keeps them from naming another folder. */
    private static final Pattern STEP_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*(-[A-Z][A-Za-z0-9]*)*");

    private final Map<String, StepHandler> builtIn;
    private final StepSettings settings;
    private final JsonMapper json;

    StepCatalog(Map<String, StepHandler> builtIn, StepSettings settings, JsonMapper json) {
        this.builtIn = Map.copyOf(builtIn);
        this.settings = settings;
        this.json = json;
    }

    /** The built-in steps, on top of {@code driver}, with no way to download images. */
    public static StepCatalog forDriver(Driver driver, StepSettings settings, JsonMapper json, Clock clock, Sleeper sleeper) {
        return forDriver(driver, settings, json, clock, sleeper, ImageDownloads.NONE);
    }

    /** The built-in steps, on top of {@code driver}; master images come through {@code downloads}. */
    public static StepCatalog forDriver(Driver driver, StepSettings settings, JsonMapper json, Clock clock, Sleeper sleeper,
            ImageDownloads downloads) {
        return new StepCatalog(Map.of(
                "Create-Volume", new CreateVolumeStep(driver, downloads),
                "Create-Machine", new CreateMachineStep(driver),
                "Customize-Machine", new CustomizeMachineStep(driver),
                "Start-Machine", new PowerStep(driver, PowerState.On),
                "Wait-Running", new WaitRunningStep(driver, settings.waitRunningTimeout(), settings.waitRunningInterval(),
                        clock, sleeper),
                "Stop-Machine", new PowerStep(driver, PowerState.Off),
                "Reboot-Machine", new RebootMachineStep(driver),
                "Destroy-Machine", new DestroyMachineStep(driver),
                "Delete-Volume", new DeleteVolumeStep(driver)), settings, json);
    }

    public Set<String> builtInSteps() {
        return new TreeMap<>(builtIn).keySet();
    }

    /**
     * Runs the task's step. Every failure comes out as a {@link StepFailure}, except a {@link SimulatedCrash},
     * which must reach the task runner as it is.
     */
    public Map<String, Object> run(StepTask task) {
        StepHandler handler = handlerFor(task.step()).orElseThrow(() -> new StepFailure("UnknownStep",
                "This agent has no handler for step " + task.step() + " (built in: " + String.join(", ", builtInSteps())
                        + "; or add an executable of that name to steps.dir).", false));
        try {
            return handler.run(task);
        } catch (StepFailure | SimulatedCrash e) {
            throw e;
        } catch (DriverException e) {
            throw StepFailure.of(e);
        } catch (RuntimeException e) {
            throw new StepFailure("AgentError", task.step() + " failed unexpectedly: " + e, false);
        }
    }

    Optional<StepHandler> handlerFor(String step) {
        if (step == null || !STEP_NAME.matcher(step).matches()) {
            return Optional.empty();
        }
        if (settings.overrideDir() != null) {
            Path executable = settings.overrideDir().resolve(step);
            if (Files.isRegularFile(executable) && Files.isExecutable(executable)) {
                return Optional.of(new ExecutableStep(executable, settings.scriptTimeout(), json));
            }
        }
        return Optional.ofNullable(builtIn.get(step));
    }
}
