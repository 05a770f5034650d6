package io.quartermaster.agent.tasks;

import io.quartermaster.agent.hosts.HostRoster;
import io.quartermaster.agent.server.AgentApiClient;
import io.quartermaster.agent.server.ServerProblem;
import io.quartermaster.agent.server.ServerUnreachable;
import io.quartermaster.agent.time.Backoff;
import io.quartermaster.agent.time.Sleeper;
import io.quartermaster.api.agent.AgentTaskView;
import io.quartermaster.api.agent.TaskBatch;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Asks the server "what task do you have for me?" with a long poll, and runs each task it gets on a virtual
 * thread of its own, at most {@code maxParallel} at once. It polls only while the agent is primary for some
 * host, and backs off (1 s doubling to 1 min) while the server cannot be reached. {@link PollWatch} learns
 * when its polls wait at the server (the server may count them as the heartbeat).
 */
public final class TaskPoller implements AutoCloseable {

    private static final System.Logger log = System.getLogger(TaskPoller.class.getName());

    private final HostRoster roster;
    private final AgentApiClient api;
    private final TaskRunner runner;
    private final Duration wait;
    private final Semaphore free;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final PollWatch watch;
    private final ExecutorService running = Executors.newVirtualThreadPerTaskExecutor();

    public TaskPoller(HostRoster roster, AgentApiClient api, TaskRunner runner, Duration wait, int maxParallel, Sleeper sleeper,
            PollWatch watch) {
        this.roster = roster;
        this.api = api;
        this.runner = runner;
        this.wait = wait;
        this.free = new Semaphore(maxParallel);
        this.backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), sleeper);
        this.sleeper = sleeper;
        this.watch = watch;
    }

    /** Polls until interrupted; a rejected credential ends it with the {@link ServerProblem}. */
    public void run() throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            if (!roster.awaitAnyPrimary(wait)) {
                continue;
            }
            pollOnce();
        }
        throw new InterruptedException("The task poller was stopped");
    }

    /** One long poll; the tasks it brings are started, not awaited. */
    void pollOnce() throws InterruptedException {
        free.acquire();
        int asked = 1 + free.drainPermits();
        TaskBatch batch;
        boolean answered = false;
        watch.started();
        try {
            batch = api.tasks(wait, asked);
            answered = true;
            backoff.reset();
        } catch (ServerUnreachable | ServerProblem e) {
            free.release(asked);
            if (e instanceof ServerProblem problem && problem.isInvalidCredential()) {
                throw problem;
            }
            log.log(Level.WARNING, "Polling for tasks failed, trying again in {0}: {1}", backoff.pause(), e.getMessage());
            return;
        } finally {
            watch.ended(answered);
        }
        int surplus = asked - batch.tasks().size();
        if (surplus > 0) {
            free.release(surplus);
        } else if (surplus < 0) {
            free.acquire(-surplus); // the server sent more than asked for; keep the bound anyway
        }
        for (AgentTaskView task : batch.tasks()) {
            try {
                running.submit(() -> runAndRelease(task));
            } catch (RejectedExecutionException stopping) {
                // Leased as the agent stops: unanswered, it is delivered again when its lease runs out.
                free.release();
            }
        }
        if (batch.tasks().isEmpty() && batch.retryAfterMillis() > 0) {
            sleeper.sleep(Duration.ofMillis(batch.retryAfterMillis()));
        }
    }

    /**
     * Runs a task, then each task the server handed over in the answer to its result (the machine's next
     * host step, usually) on the same thread and slot, without a poll in between. While the agent stops it
     * takes none: what it would not run is better left to the next poll.
     */
    private void runAndRelease(AgentTaskView first) {
        Deque<AgentTaskView> tasks = new ArrayDeque<>(List.of(first));
        try {
            while (!tasks.isEmpty()) {
                AgentTaskView task = tasks.poll();
                try {
                    runner.run(task, running.isShutdown() ? 0 : 1, tasks::addAll);
                } catch (RuntimeException e) {
                    log.log(Level.ERROR, "Task " + task.id() + " (" + task.step() + ") ended unexpectedly", e);
                }
            }
        } finally {
            free.release();
        }
    }

    /** Stops taking tasks and gives the running ones {@code grace} to finish; the rest are delivered again. */
    public void close(Duration grace) throws InterruptedException {
        running.shutdown();
        if (!running.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            running.shutdownNow();
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }
}
