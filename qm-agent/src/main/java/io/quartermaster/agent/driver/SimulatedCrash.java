package io.quartermaster.agent.driver;

/**
 * Thrown only by drivers built for tests, after their side effect, to act out an agent that died before it
 * could report: the task runner then reports nothing, as a dead agent would, and the server delivers the task
 * again once its lease runs out. It proves that steps are idempotent under re-delivery.
 */
public class SimulatedCrash extends RuntimeException {

    public SimulatedCrash(String message) {
        super(message);
    }
}
