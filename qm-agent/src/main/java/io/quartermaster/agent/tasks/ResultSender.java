package io.quartermaster.agent.tasks;

import io.quartermaster.agent.server.AgentApiClient;
import io.quartermaster.agent.server.ServerProblem;
import io.quartermaster.agent.server.ServerUnreachable;
import io.quartermaster.api.agent.AgentTaskView;
import io.quartermaster.api.agent.TaskBatch;
import io.quartermaster.api.agent.TaskCompletion;
import io.quartermaster.api.agent.TaskCompletions;
import io.quartermaster.api.agent.TaskCompletionsAnswer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * Sends the agent's task completions, several in one call when they come together, as a database groups the
 * commits of concurrent transactions: a result that is ready while another call is on its way waits for that
 * call, then goes with every result that became ready meanwhile, in one call the server records in one
 * transaction ({@code POST /agent/v1/tasks/completions}). A result that finds no call on its way goes alone
 * and at once, so a quiet host's results wait for nothing; only a busy host's are grouped, and those cost the
 * server one transaction for many.
 *
 * <p>Each caller gets what its own single call would have given it: the tasks handed over for it, or the
 * {@link ServerProblem} its result was refused with, or a {@link ServerUnreachable} when it should be sent
 * again (the call failed, or the server answered {@code Busy} for this result).
 */
public final class ResultSender {

    /** Results in one call at most; the server takes up to 500. */
    static final int MAX_BATCH = 100;

    private static final System.Logger log = System.getLogger(ResultSender.class.getName());

    private final AgentApiClient api;
    private final Deque<Pending> ready = new ArrayDeque<>();
    private boolean sending; // guarded by this
    /** The server answered the batch endpoint 404 or 405 (a server older than this agent): one call each. */
    private volatile boolean batchesUnknown;

    public ResultSender(AgentApiClient api) {
        this.api = api;
    }

    /** Reports a task done, as {@link AgentApiClient#complete}: alone, or with others ready at the same time. */
    public TaskBatch complete(UUID taskId, TaskCompletion completion) {
        Pending mine = new Pending(taskId, completion);
        synchronized (this) {
            ready.add(mine);
        }
        boolean interrupted = false;
        try {
            while (true) {
                List<Pending> batch;
                synchronized (this) {
                    while (sending && !mine.done) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            if (ready.remove(mine)) {
                                Thread.currentThread().interrupt();
                                throw new ServerUnreachable("Interrupted before the result of task " + taskId
                                        + " was sent", e);
                            }
                            interrupted = true; // on its way already: its answer is coming
                        }
                    }
                    if (mine.done) {
                        return mine.answer();
                    }
                    sending = true;
                    batch = new ArrayList<>();
                    while (!ready.isEmpty() && batch.size() < MAX_BATCH) {
                        batch.add(ready.poll());
                    }
                }
                try {
                    send(batch);
                } finally {
                    synchronized (this) {
                        sending = false;
                        notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Results ready and waiting for a call (tests). */
    synchronized int waiting() {
        return ready.size();
    }

    /** One call for the batch; every result in it is answered, whatever happens. */
    private void send(List<Pending> batch) {
        try {
            if (batch.size() == 1 || batchesUnknown) {
                sendEach(batch);
                return;
            }
            int takeNext = batch.stream().mapToInt(pending -> pending.completion.takeNextOrNone()).sum();
            TaskCompletionsAnswer answer = api.completeAll(new TaskCompletions(batch.stream()
                    .map(pending -> new TaskCompletions.Completed(pending.taskId, pending.completion.attempt(),
                            pending.completion.epoch(), pending.completion.result()))
                    .toList(), takeNext > 0 ? Math.min(takeNext, 500) : null));
            settle(batch, answer);
        } catch (ServerProblem problem) {
            if (problem.status() == 404 || problem.status() == 405) {
                // The whole call was unknown (a refused result is a 200 with its outcome): an older server.
                log.log(System.Logger.Level.WARNING,
                        "The server does not take several results in one call ({0}); sending each on its own",
                        problem.getMessage());
                batchesUnknown = true;
                sendEach(batch);
            } else {
                batch.forEach(pending -> pending.fail(problem));
            }
        } catch (RuntimeException e) {
            batch.forEach(pending -> pending.fail(e));
        } finally {
            batch.forEach(pending -> pending.fail(new ServerUnreachable("The server's answer named no outcome for task "
                    + pending.taskId, null))); // only those still unanswered
        }
    }

    /** One call per result, each answered on its own. */
    private void sendEach(List<Pending> batch) {
        for (Pending pending : batch) {
            try {
                pending.succeed(api.complete(pending.taskId, pending.completion).tasks());
            } catch (RuntimeException e) {
                pending.fail(e);
            }
        }
    }

    /**
     * Each result's outcome to its caller; the tasks handed over go to the callers of recorded results that
     * asked for some, each its share first, any left over round the same callers again (each runs what it gets,
     * one after another, so nothing leased is left unrun).
     */
    private static void settle(List<Pending> batch, TaskCompletionsAnswer answer) {
        List<TaskCompletionsAnswer.Outcome> outcomes = answer.outcomes() == null ? List.of() : answer.outcomes();
        List<Pending> recorded = new ArrayList<>();
        for (int i = 0; i < batch.size() && i < outcomes.size(); i++) {
            Pending pending = batch.get(i);
            TaskCompletionsAnswer.Outcome outcome = outcomes.get(i);
            if (!pending.taskId.equals(outcome.taskId())) {
                throw new ServerUnreachable("The server answered the results out of order", null);
            }
            if (outcome.wasRecorded()) {
                recorded.add(pending);
            } else if (outcome.status() == 502 || outcome.status() == 503 || outcome.status() == 504) {
                pending.fail(new ServerUnreachable(outcome.reason() + " (" + outcome.status() + "): " + outcome.message(),
                        null));
            } else {
                pending.fail(new ServerProblem(outcome.status(), outcome.reason(), outcome.message()));
            }
        }
        List<Pending> takers = recorded.stream().filter(pending -> pending.completion.takeNextOrNone() > 0).toList();
        List<List<AgentTaskView>> shares = new ArrayList<>();
        takers.forEach(taker -> shares.add(new ArrayList<>()));
        List<AgentTaskView> handed = answer.tasks() == null ? List.of() : answer.tasks();
        int next = 0;
        for (AgentTaskView task : handed) {
            if (takers.isEmpty()) {
                break; // the server hands tasks over only for recorded results that asked
            }
            // Each taker's own share first, then round them again.
            int taker = firstShort(takers, shares);
            if (taker < 0) {
                taker = next++ % takers.size();
            }
            shares.get(taker).add(task);
        }
        for (int i = 0; i < takers.size(); i++) {
            takers.get(i).succeed(shares.get(i));
        }
        recorded.forEach(pending -> pending.succeed(List.of())); // those that asked for none
    }

    private static int firstShort(List<Pending> takers, List<List<AgentTaskView>> shares) {
        for (int i = 0; i < takers.size(); i++) {
            if (shares.get(i).size() < takers.get(i).completion.takeNextOrNone()) {
                return i;
            }
        }
        return -1;
    }

    /** One result waiting for its answer; guarded by the sender's lock, answered once. */
    private final class Pending {
        final UUID taskId;
        final TaskCompletion completion;
        boolean done;
        List<AgentTaskView> handed;
        RuntimeException refused;

        Pending(UUID taskId, TaskCompletion completion) {
            this.taskId = taskId;
            this.completion = completion;
        }

        void succeed(List<AgentTaskView> tasks) {
            answer(tasks, null);
        }

        void fail(RuntimeException why) {
            answer(null, why);
        }

        private void answer(List<AgentTaskView> tasks, RuntimeException why) {
            synchronized (ResultSender.this) {
                if (done) {
                    return;
                }
                done = true;
                handed = tasks;
                refused = why;
            }
        }

        TaskBatch answer() {
            if (refused != null) {
                throw refused;
            }
            return new TaskBatch(handed == null ? List.of() : List.copyOf(handed), 0);
        }
    }
}
