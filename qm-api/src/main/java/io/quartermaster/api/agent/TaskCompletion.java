package io.quartermaster.api.agent;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Map;

/**
 * A task ran: the attempt and epoch of the delivery, and what the step returns (may be empty).
 *
 * <p>{@code takeNext} (optional, 0 to 500) is how many more tasks the agent can start at once: when the
 * result moves a workflow on to its next host step on one of the agent's hosts, the answer is then 200
 * with a {@link TaskBatch} of up to that many tasks, leased to the agent in the result's own transaction,
 * so it need not poll for them. Absent or 0: 204, and the agent polls as before. An agent that asks must
 * run what it gets, as if a poll had brought it.
 */
public record TaskCompletion(int attempt, long epoch, Map<String, Object> result, @Min(0) @Max(500) Integer takeNext) {

    /** A result that takes no next task in its answer. */
    public TaskCompletion(int attempt, long epoch, Map<String, Object> result) {
        this(attempt, epoch, result, null);
    }

    /** {@code takeNext}, 0 when absent. */
    public int takeNextOrNone() {
        return takeNext == null ? 0 : takeNext;
    }
}
