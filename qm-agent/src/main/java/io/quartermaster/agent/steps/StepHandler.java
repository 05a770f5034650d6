package io.quartermaster.agent.steps;

import java.util.Map;

/**
 * Carries out one kind of step ({@code Create-Machine}, {@code Start-Machine}…) for a task. A handler is
 * idempotent, keyed by the machine id: the same task may arrive again (the agent died before reporting, or
 * the lease ran out), and running it again must end in the same state without harm.
 */
@FunctionalInterface
public interface StepHandler {

    /**
     * @return what the step reports to the server (may be empty); values must be JSON-friendly
     * @throws StepFailure when the step could not be done, saying whether a retry may help
     */
    Map<String, Object> run(StepTask task);
}
