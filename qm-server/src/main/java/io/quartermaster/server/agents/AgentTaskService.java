package io.quartermaster.server.agents;

import io.quartermaster.server.platform.errors.QmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.runtime.Execution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * The queue of work for host agents, and the one service an agent's results go through (the agent
 * API of the next layer and, until then, tests and the dev agent call it).
 *
 * <p>Contract with the workflows: a step that needs the host writes its task with the id of the
 * execution that waits for it ({@link #enqueue}). Success triggers that execution with the task's
 * result in the transient variable {@code stepResult}; a terminal failure delivers the message
 * {@value #STEP_FAILED} to the waiting process (its handler decides: undo, record, retry), with
 * {@code failedStep}, {@code failureReason} and {@code failureMessage}. Undo tasks wait on nobody;
 * when the last open task of a machine ends, an execution waiting in an activity named
 * {@value #AWAIT_HOST_IDLE} for that machine is triggered.
 */
@Service
public class AgentTaskService {

    public static final String STEP_FAILED = "agent-step-failed";
    public static final String AWAIT_HOST_IDLE = "awaitHostIdle";
    private static final Logger log = LoggerFactory.getLogger(AgentTaskService.class);

    /** What a workflow step asks of an agent. */
    public record TaskSpec(UUID machineId, UUID hostId, String step, Map<String, Object> parameters, boolean undo) {}

    /** An agent's result; {@code retryable} says whether trying again may help. */
    public record Failure(String reason, String message, boolean retryable) {}

    /** Told of every result, in its transaction (the machine's timeline records them). */
    public interface Listener {
        void succeeded(AgentTask task);

        /** As {@link #succeeded(AgentTask)}, with what the step returned (never null). */
        default void succeeded(AgentTask task, Map<String, Object> result) {
            succeeded(task);
        }

        void failed(AgentTask task, Failure failure, boolean willRetry);
    }

    private final AgentTaskRepository tasks;
    private final org.springframework.beans.factory.ObjectProvider<Listener> listeners; // lazily: listeners use this service
    private final RuntimeService runtime;
    private final ObjectMapper json;
    private final TaskSignals signals;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration retryBackoff;
    /** A savepoint per result answered together with others (see {@link #completeEach}). */
    private final TransactionTemplate savepoint;

    AgentTaskService(AgentTaskRepository tasks, org.springframework.beans.factory.ObjectProvider<Listener> listeners,
            RuntimeService runtime, ObjectMapper json, TaskSignals signals, Clock clock,
            PlatformTransactionManager transactionManager,
            @Value("${qm.agents.max-attempts:3}") int maxAttempts,
            @Value("${qm.agents.retry-backoff:PT5S}") Duration retryBackoff) {
        this.tasks = tasks;
        this.listeners = listeners;
        this.runtime = runtime;
        this.json = json;
        this.signals = signals;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.retryBackoff = retryBackoff;
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Queues a task in the caller's transaction (the workflow step's own). */
    @Transactional
    public UUID enqueue(TaskSpec spec, String waitingExecutionId) {
        UUID id = UUID.randomUUID();
        tasks.insert(id, spec.machineId(), spec.hostId(), spec.step(), spec.parameters(), spec.undo(), maxAttempts,
                waitingExecutionId, clock.instant());
        signals.queuedAfterCommit(spec.hostId(), id);
        return id;
    }

    /**
     * Leases up to {@code max} tasks of the given hosts to an agent for {@code lockFor}; a task whose
     * lease runs out unanswered is delivered again, with the next attempt number.
     */
    @Transactional
    public List<AgentTask> lease(Collection<UUID> hostIds, String agent, int max, Duration lockFor) {
        if (hostIds.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<AgentTask> leased = new ArrayList<>();
        for (AgentTask task : tasks.deliverable(hostIds, now, max)) {
            if (tasks.lease(task, agent, now, now.plus(lockFor))) {
                leased.add(tasks.find(task.id()).orElseThrow());
            }
        }
        return leased;
    }

    /** The hosts this transaction queued tasks for, not handed over yet (see {@link #handOver}). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<UUID> hostsQueuedHere() {
        return signals.hostsQueuedHere();
    }

    /**
     * Leases to {@code agent} up to {@code max} deliverable tasks of the given hosts in the current
     * transaction, as {@link #lease} does: called by the transaction that queued them (a result moving a
     * workflow on), it hands the agent its next work in the answer to that result. The hosts' waiting
     * polls are then not woken for the tasks handed over. The tasks are not visible to any other agent
     * before this transaction commits, and leasing is the same conditional update as a poll's, so a task
     * still goes to one delivery only.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<AgentTask> handOver(Collection<UUID> hostIds, String agent, int max, Duration lockFor) {
        if (max < 1) {
            return List.of();
        }
        List<AgentTask> leased = lease(hostIds, agent, max, lockFor);
        leased.forEach(task -> signals.handedOver(task.hostId(), task.id()));
        return leased;
    }

    /** As {@link #lease} for the tasks of one machine only (driving one machine by hand, tests). */
    @Transactional
    public List<AgentTask> leaseOf(UUID machineId, String agent, Duration lockFor) {
        Instant now = clock.instant();
        List<UUID> hosts = tasks.ofMachine(machineId).stream().filter(AgentTask::open).map(AgentTask::hostId).distinct()
                .toList();
        List<AgentTask> leased = new ArrayList<>();
        for (AgentTask task : hosts.isEmpty() ? List.<AgentTask>of() : tasks.deliverable(hosts, now, 10_000)) {
            if (task.machineId().equals(machineId) && tasks.lease(task, agent, now, now.plus(lockFor))) {
                leased.add(tasks.find(task.id()).orElseThrow());
            }
        }
        return leased;
    }

    /**
     * Extends the lease of the delivery ({@code attempt}, {@code epoch}) to {@code lockFor} from now, so a
     * long step is not delivered again while it still runs; returns the new end of the lease. The delivery
     * must be current by the same rule as a result: a lease that ran out but was not delivered again yet is
     * still this delivery's.
     */
    @Transactional
    public Instant extend(UUID taskId, int attempt, long epoch, Duration lockFor) {
        Instant until = clock.instant().plus(lockFor);
        if (!tasks.extend(taskId, attempt, epoch, until)) {
            tasks.find(taskId).orElseThrow(() -> QmException.notFound("Task", taskId));
            throw stale(taskId);
        }
        return tasks.find(taskId).orElseThrow().leaseUntil(); // as stored, which may be less precise than the clock
    }

    /** Records success of one delivery and moves the workflow on, in one transaction. */
    @Transactional
    public void complete(UUID taskId, int attempt, Map<String, Object> result) {
        complete(taskId, attempt, null, result);
    }

    /**
     * As {@link #complete(UUID, int, Map)} for a delivery of the given fencing {@code epoch} (null: the
     * delivery's own): a result from an agent that has lost the host since is refused.
     */
    @Transactional
    public void complete(UUID taskId, int attempt, Long epoch, Map<String, Object> result) {
        complete(current(taskId, attempt, epoch), attempt, epoch, result);
    }

    /**
     * As {@link #complete(UUID, int, Long, Map)}, then hands {@code agent} up to {@code max} tasks this
     * transaction queued for the task's host (the workflow's next host step, usually), leased for
     * {@code lockFor} as a poll would lease them: the agent gets them without polling. For an agent that
     * serves the host without a primary lease (the dev agent, benchmarks); the agent protocol checks
     * the lease first.
     */
    @Transactional
    public List<AgentTask> completeAndTakeNext(UUID taskId, int attempt, Long epoch, Map<String, Object> result,
            String agent, int max, Duration lockFor) {
        AgentTask task = current(taskId, attempt, epoch);
        complete(task, attempt, epoch, result);
        return hostsQueuedHere().contains(task.hostId()) ? handOver(List.of(task.hostId()), agent, max, lockFor)
                : List.of();
    }

    /** One success among several answered together ({@link #completeEach}). */
    public record Answer(UUID taskId, int attempt, Long epoch, Map<String, Object> result) {}

    /**
     * Records several successes in this one transaction, each in a savepoint of its own, and moves their
     * workflows on: a result refused ({@code StaleTask}, a task {@code mayAnswer} rejects) or lost to a race
     * (another transaction moved the same workflow, a lock the database gave up on) is rolled back alone and
     * the others stand. Many results then cost one commit instead of one each, which is what makes a busy
     * host cheap. Returns, for each answer in order, null when it was recorded or what refused it.
     */
    @Transactional
    public List<RuntimeException> completeEach(List<Answer> answers, java.util.function.Consumer<AgentTask> mayAnswer) {
        List<RuntimeException> refusals = new ArrayList<>(answers.size());
        for (Answer answer : answers) {
            try {
                savepoint.executeWithoutResult(nested -> {
                    AgentTask task = tasks.find(answer.taskId())
                            .orElseThrow(() -> QmException.notFound("Task", answer.taskId()));
                    mayAnswer.accept(task);
                    complete(task, answer.attempt(), answer.epoch(), answer.result() == null ? Map.of() : answer.result());
                });
                refusals.add(null);
            } catch (RuntimeException refused) {
                refusals.add(refused);
            }
        }
        return refusals;
    }

    /** As {@link #completeEach}, then hands {@code agent} its next tasks as {@link #completeAndTakeNext} does. */
    @Transactional
    public Answered completeEachAndTakeNext(List<Answer> answers, String agent, int max, Duration lockFor) {
        Set<UUID> answeredHosts = new java.util.HashSet<>();
        List<RuntimeException> refusals = completeEach(answers, task -> answeredHosts.add(task.hostId()));
        answeredHosts.retainAll(hostsQueuedHere());
        return new Answered(refusals, answeredHosts.isEmpty() ? List.of() : handOver(answeredHosts, agent, max, lockFor));
    }

    /** What {@link #completeEachAndTakeNext} did: each answer's refusal or null, and the tasks handed over. */
    public record Answered(List<RuntimeException> refusals, List<AgentTask> next) {}

    /** As {@link #complete(UUID, int, Long, Map)} for the task as the caller read it in this transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void complete(AgentTask read, int attempt, Long epoch, Map<String, Object> result) {
        AgentTask task = current(read, attempt, epoch);
        UUID taskId = task.id();
        if (!tasks.finish(taskId, attempt, AgentTask.SUCCEEDED, json.writeValueAsString(result), null, null,
                clock.instant())) {
            throw stale(taskId);
        }
        listeners.orderedStream().forEach(listener -> listener.succeeded(task, result));
        if (task.executionId() != null) {
            // Transient: the next step may read it in this transaction; stored, it would cost a variable row
            // and a byte array per host step that nothing reads later (the task row keeps the result).
            runtime.trigger(task.executionId(), Map.of(), Map.of("stepResult", result));
        }
        wakeIfIdle(task);
    }

    /**
     * Records a failed delivery. A retryable failure with attempts left goes back in the queue (after
     * a pause); otherwise the task fails and the workflow waiting for it is told.
     */
    @Transactional
    public void fail(UUID taskId, int attempt, Failure failure) {
        fail(taskId, attempt, null, failure);
    }

    /** As {@link #fail(UUID, int, Failure)} for a delivery of the given fencing {@code epoch} (null: its own). */
    @Transactional
    public void fail(UUID taskId, int attempt, Long epoch, Failure failure) {
        AgentTask task = current(taskId, attempt, epoch);
        Instant now = clock.instant();
        if (failure.retryable() && attempt < task.maxAttempts()) {
            if (!tasks.requeue(taskId, attempt, failure.reason(), failure.message(), now.plus(retryBackoff.multipliedBy(attempt)))) {
                throw stale(taskId);
            }
            listeners.orderedStream().forEach(listener -> listener.failed(task, failure, true));
            signals.wakeAfterCommit(task.hostId());
            return;
        }
        if (!tasks.finish(taskId, attempt, AgentTask.FAILED, null, failure.reason(), failure.message(), now)) {
            throw stale(taskId);
        }
        listeners.orderedStream().forEach(listener -> listener.failed(task, failure, false));
        if (task.executionId() != null) {
            tellWorkflow(task, failure);
        } else {
            log.warn("Undo step {} of machine {} failed: {} {}", task.step(), task.machineId(), failure.reason(),
                    failure.message());
        }
        wakeIfIdle(task);
    }

    @Transactional(readOnly = true)
    public boolean hasOpenTasks(UUID machineId) {
        return tasks.countOpen(machineId) > 0;
    }

    @Transactional(readOnly = true)
    public List<AgentTask> ofMachine(UUID machineId) {
        return tasks.ofMachine(machineId);
    }

    /** Hosts with work waiting (the in-process dev agent serves whichever host has some). */
    @Transactional(readOnly = true)
    public List<UUID> hostsWithOpenTasks() {
        return tasks.hostsWithOpenTasks();
    }

    @Transactional(readOnly = true)
    public java.util.Optional<AgentTask> find(UUID taskId) {
        return tasks.find(taskId);
    }

    private AgentTask current(UUID taskId, int attempt, Long epoch) {
        return current(tasks.find(taskId).orElseThrow(() -> QmException.notFound("Task", taskId)), attempt, epoch);
    }

    /** The task as read, if the delivery ({@code attempt}, {@code epoch}) is its current one. */
    private AgentTask current(AgentTask task, int attempt, Long epoch) {
        UUID taskId = task.id();
        if (task.attempt() != attempt || !AgentTask.LEASED.equals(task.state())
                || (epoch != null && epoch != task.epoch())) {
            throw stale(taskId);
        }
        return task;
    }

    private void tellWorkflow(AgentTask task, Failure failure) {
        Execution waiting = runtime.createExecutionQuery().executionId(task.executionId()).singleResult();
        if (waiting == null) {
            return;
        }
        List<Execution> handlers = runtime.createExecutionQuery().processInstanceId(waiting.getProcessInstanceId())
                .messageEventSubscriptionName(STEP_FAILED).list();
        if (handlers.isEmpty()) {
            log.warn("No handler for the failed step {} of machine {}; it stays waiting", task.step(), task.machineId());
            return;
        }
        runtime.messageEventReceived(STEP_FAILED, handlers.get(0).getId(), Map.of("failedStep", task.step(),
                "failureReason", failure.reason(), "failureMessage", failure.message() == null ? "" : failure.message()));
    }

    /** Only undo tasks are waited for as a group; other results need no query here. */
    private void wakeIfIdle(AgentTask answered) {
        if (!answered.undo()) {
            return;
        }
        UUID machineId = answered.machineId();
        if (tasks.countOpen(machineId) > 0) {
            return;
        }
        for (Execution execution : runtime.createExecutionQuery().activityId(AWAIT_HOST_IDLE)
                .processVariableValueEquals("machineId", machineId.toString()).list()) {
            runtime.trigger(execution.getId());
        }
    }

    private static QmException stale(UUID taskId) {
        return new QmException(HttpStatus.CONFLICT, "StaleTask", "Task " + taskId
                + " is no longer yours to answer: it was answered, cancelled, delivered again after its lease ran out,"
                + " or its host has another primary agent now.");
    }
}
