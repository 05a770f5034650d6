package io.quartermaster.api.agent;

import java.util.List;
import java.util.UUID;

/**
 * The answer to {@link TaskCompletions}: for each result, in the order sent, what became of it, and the tasks
 * handed over with the answer ({@code takeNext}; empty when none were asked for or queued).
 */
public record TaskCompletionsAnswer(List<Outcome> outcomes, List<AgentTaskView> tasks) {

    /**
     * What became of one result, as the single call ({@code POST /agent/v1/tasks/{id}/complete}) would have
     * answered it: {@code status} 200 when it was recorded; otherwise the status, the {@code reason} and the
     * message of the problem that call would have answered with ({@code StaleTask} 409 and {@code NotFound} 404:
     * drop the result; {@code Busy} 503: nothing of it was kept, send it again). One difference: a result that
     * lost a race with another change to its machine is {@code Busy} here, where the single call answers
     * {@code Conflict} (409), because here it was rolled back alone and sending it again is all it needs.
     */
    public record Outcome(UUID taskId, int status, String reason, String message) {

        public static Outcome recorded(UUID taskId) {
            return new Outcome(taskId, 200, null, null);
        }

        public boolean wasRecorded() {
            return status / 100 == 2;
        }
    }
}
