package io.quartermaster.api.agent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Several tasks ran: their results in one call ({@code POST /agent/v1/tasks/completions}), which the server
 * records in one transaction, each result on its own: one it refuses (a stale delivery, a lost race) does not
 * hold back the others, and the answer says for each what became of it ({@link TaskCompletionsAnswer}).
 * An agent sends results this way when several finished while it was still sending earlier ones, so that a
 * busy host costs the server one transaction for many results instead of one each.
 *
 * <p>{@code takeNext} (optional, 0 to 500) is as in {@link TaskCompletion}, for the whole call: the tasks these
 * results queued for the agent's hosts, up to that many, come back leased in the answer.
 */
public record TaskCompletions(
        @NotNull @Size(min = 1, max = 500) List<@NotNull @Valid Completed> completed,
        @Min(0) @Max(500) Integer takeNext) {

    /** One task's result: which delivery ({@code attempt}, {@code epoch}) and what the step returns (may be empty). */
    public record Completed(@NotNull UUID taskId, int attempt, long epoch, Map<String, Object> result) {}

    /** {@code takeNext}, 0 when absent. */
    public int takeNextOrNone() {
        return takeNext == null ? 0 : takeNext;
    }
}
