package io.quartermaster.agent.time;

import java.time.Duration;

/**
 * Waiting for time to pass, as a collaborator: the agent's code waits through this so tests can hand in one
 * that returns at once (and moves their clock) instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
}
