package io.quartermaster.api.agent;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One delivery of a task to an agent. {@code step} names what to do ({@code Create-Volume},
 * {@code Create-Machine}, {@code Customize-Machine}, {@code Start-Machine}, {@code Wait-Running},
 * {@code Stop-Machine}, {@code Reboot-Machine}, {@code Destroy-Machine}, {@code Delete-Volume}…);
 * {@code parameters} carry the machine's id and spec. {@code undo} is true for a step that takes back
 * an earlier one after a failure. A result must name this {@code attempt} and {@code epoch}: once the
 * lease ({@code leaseUntil}) runs out the task is delivered again with a new attempt, and a result
 * for the old one is refused with {@code StaleTask}. Handlers must be idempotent, keyed by machine id:
 * a task may be delivered twice.
 */
public record AgentTaskView(
        UUID id,
        UUID hostId,
        UUID machineId,
        String step,
        Map<String, Object> parameters,
        boolean undo,
        int attempt,
        long epoch,
        Instant leaseUntil) {}
