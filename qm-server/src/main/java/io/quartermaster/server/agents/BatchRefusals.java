package io.quartermaster.server.agents;

import io.quartermaster.api.agent.TaskCompletionsAnswer.Outcome;
import io.quartermaster.server.platform.errors.QmException;
import java.util.UUID;
import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;

/**
 * Turns what refused one result of several answered together into the outcome the agent reads: the problem
 * its single call would have been answered with. Each result was rolled back to its own savepoint, so a
 * result that lost a race (another transaction moved the same workflow, a lock the database gave up on) left
 * nothing behind and is {@code Busy}: the agent sends it again.
 */
final class BatchRefusals {

    private static final Logger log = LoggerFactory.getLogger(BatchRefusals.class);

    private BatchRefusals() {}

    /**
     * A deadlock, a serialization failure or a lock timeout as the engine passes it on (wrapped, not translated
     * by Spring): SQLSTATE class 40 (transaction rollback) or H2's lock timeout.
     */
    private static boolean rolledBackByTheDatabase(Throwable refusal) {
        for (Throwable cause = refusal; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("40") || "HYT00".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    static Outcome outcome(UUID taskId, RuntimeException refusal) {
        if (refusal == null) {
            return Outcome.recorded(taskId);
        }
        // A refusal raised inside a workflow step reaches us wrapped by the engine: answer with it.
        for (Throwable cause = refusal; cause != null; cause = cause.getCause()) {
            if (cause instanceof QmException qm) {
                return new Outcome(taskId, qm.status().value(), qm.reason(), qm.getMessage());
            }
        }
        if (refusal instanceof FlowableOptimisticLockingException || refusal instanceof ConcurrencyFailureException
                || refusal instanceof QueryTimeoutException || rolledBackByTheDatabase(refusal)) {
            log.info("The result of task {} lost a race and was not kept: {}", taskId, refusal.getMessage());
            return new Outcome(taskId, HttpStatus.SERVICE_UNAVAILABLE.value(), "Busy", "Other changes to the same"
                    + " machine got in the way; nothing of this result was kept. Send it again in a moment.");
        }
        if (refusal instanceof DataIntegrityViolationException) {
            log.info("The result of task {} conflicts with existing data: {}", taskId, refusal.getMessage());
            return new Outcome(taskId, HttpStatus.CONFLICT.value(), "Conflict",
                    "The result conflicts with existing data (a duplicate, or something still in use).");
        }
        log.error("Unexpected failure recording the result of task {}", taskId, refusal);
        return new Outcome(taskId, HttpStatus.INTERNAL_SERVER_ERROR.value(), "InternalError",
                "Something went wrong on the server recording this result; nothing of it was kept. If it happens"
                        + " again, report it with the task id.");
    }
}
