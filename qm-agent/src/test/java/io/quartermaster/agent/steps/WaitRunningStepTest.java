package io.quartermaster.agent.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quartermaster.agent.driver.MachineSpec;
import io.quartermaster.agent.driver.simulator.SimulatorDriver;
import io.quartermaster.agent.driver.simulator.SimulatorProvider;
import io.quartermaster.agent.time.MutableClock;
import io.quartermaster.api.machines.PowerState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WaitRunningStepTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final SimulatorDriver driver = SimulatorProvider.create(Map.of(), clock, clock);
    private final UUID machineId = UUID.randomUUID();

    @Test
    void waitsUntilTheMachineComesUp() {
        driver.ensureDefined(new MachineSpec(machineId, "slow-boot", 1, 512, List.of(), null));
        int[] looks = {0};
        var step = new WaitRunningStep(driver, Duration.ofMinutes(1), Duration.ofSeconds(1), clock, pause -> {
            clock.advance(pause);
            if (++looks[0] == 3) {
                driver.ensurePower(machineId, PowerState.On);
            }
        });

        assertThat(step.run(task())).containsEntry("power", "On");
        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:03Z"));
    }

    @Test
    void givesUpAfterTheTimeoutSayingARetryMayHelp() {
        driver.ensureDefined(new MachineSpec(machineId, "never-boots", 1, 512, List.of(), null));
        var step = new WaitRunningStep(driver, Duration.ofSeconds(30), Duration.ofSeconds(1), clock, clock);

        assertThatThrownBy(() -> step.run(task())).isInstanceOfSatisfying(StepFailure.class, f -> {
            assertThat(f.reason()).isEqualTo("NotRunning");
            assertThat(f.retryable()).isTrue();
        });
        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:30Z"));
    }

    private StepTask task() {
        return new StepTask(UUID.randomUUID(), "Wait-Running", machineId, Map.of(), false);
    }
}
