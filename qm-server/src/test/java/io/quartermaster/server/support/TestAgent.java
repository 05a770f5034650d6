package io.quartermaster.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.agents.AgentTask;
import io.quartermaster.server.agents.AgentTaskService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Plays the host agents in tests through the same service a real agent's results go through: takes
 * the queued tasks of a machine's host and answers them, step by step, as told.
 */
public final class TestAgent {

    private final AgentTaskService tasks;

    public TestAgent(AgentTaskService tasks) {
        this.tasks = tasks;
    }

    /** Answers every task of the machine with success until none is left; returns the steps done in order. */
    public List<String> completeAll(UUID machineId) {
        List<String> done = new ArrayList<>();
        for (int round = 0; round < 50; round++) {
            List<AgentTask> work = take(machineId);
            if (work.isEmpty()) {
                return done;
            }
            for (AgentTask task : work) {
                tasks.complete(task.id(), task.attempt(), Map.of("ok", true));
                done.add(task.step());
            }
        }
        throw new AssertionError("Machine " + machineId + " keeps asking for host steps: " + done);
    }

    /** Succeeds each task until {@code step} comes, then fails that one terminally; returns the steps done. */
    public List<String> completeUntilFailing(UUID machineId, String step, String reason) {
        List<String> done = new ArrayList<>();
        for (int round = 0; round < 50; round++) {
            List<AgentTask> work = take(machineId);
            assertThat(work).as("host steps of " + machineId + " after " + done).isNotEmpty();
            for (AgentTask task : work) {
                if (task.step().equals(step)) {
                    tasks.fail(task.id(), task.attempt(), new AgentTaskService.Failure(reason, step + " failed on purpose",
                            false));
                    return done;
                }
                tasks.complete(task.id(), task.attempt(), Map.of("ok", true));
                done.add(task.step());
            }
        }
        throw new AssertionError("Step " + step + " never came: " + done);
    }

    /** The machine's open tasks, leased to this agent (one at a time per machine, oldest first). */
    public List<AgentTask> take(UUID machineId) {
        return tasks.leaseOf(machineId, "test-agent", Duration.ofMinutes(5));
    }

    public List<AgentTask> history(UUID machineId) {
        return tasks.ofMachine(machineId);
    }

    /** Waits for the engine's background executor to act (the clock was moved; this is not a wait for time). */
    public static void awaitUpTo(Duration limit, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
