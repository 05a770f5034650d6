package io.quartermaster.agent.steps;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How steps run: the folder of operator executables that override steps ({@code steps.dir}, may be null), how
 * long such an executable may run ({@code steps.timeout}), and how long {@code Wait-Running} waits for a
 * machine to come up ({@code steps.wait-running.timeout}), looking every {@code waitRunningInterval}.
 */
public record StepSettings(Path overrideDir, Duration scriptTimeout, Duration waitRunningTimeout,
        Duration waitRunningInterval) {

    // Both stay below the server's task lock (qm.agents.task-lock, 5 min by default), so a step ends within
    // its first lease even when the lease cannot be extended (the server out of reach): a result that comes
    // after the lease ran out is refused as stale, and the task has been delivered again meanwhile.
    public static final Duration DEFAULT_SCRIPT_TIMEOUT = Duration.ofMinutes(4);
    public static final Duration DEFAULT_WAIT_RUNNING_TIMEOUT = Duration.ofMinutes(2);

    public static StepSettings defaults() {
        return new StepSettings(null, DEFAULT_SCRIPT_TIMEOUT, DEFAULT_WAIT_RUNNING_TIMEOUT, Duration.ofSeconds(1));
    }
}
