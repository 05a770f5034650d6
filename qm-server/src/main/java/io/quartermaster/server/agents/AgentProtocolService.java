package io.quartermaster.server.agents;

import io.quartermaster.api.agent.AgentTaskView;
import io.quartermaster.api.agent.InventoryAck;
import io.quartermaster.api.agent.InventoryReport;
import io.quartermaster.api.agent.RegisterRequest;
import io.quartermaster.api.agent.Registration;
import io.quartermaster.api.agent.TaskBatch;
import io.quartermaster.api.agent.TaskCompletion;
import io.quartermaster.api.agent.TaskCompletions;
import io.quartermaster.api.agent.TaskCompletionsAnswer;
import io.quartermaster.api.agent.TaskFailure;
import io.quartermaster.api.agent.TaskLease;
import io.quartermaster.api.agent.TaskLeaseExtension;
import io.quartermaster.server.audit.AuditService;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.security.Secrets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The agent side of {@code /agent/v1}: registration with a bootstrap token, the task long-poll, results
 * and inventory reports. An agent acts only for its own hosts: another host's task, host or machine is
 * NotFound to it, exactly as if it did not exist.
 */
@Service
public class AgentProtocolService {

    static final String CREDENTIAL_PREFIX = "qma_";

    private final AgentRepository agents;
    private final HostStatusRepository status;
    private final HostLeases leases;
    private final AgentTaskService tasks;
    private final TaskSignals signals;
    private final HostReports reports;
    private final AuditService audit;
    private final TransactionTemplate transactions;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final Duration taskLock;
    private final Duration maxWait;
    private final Counter looks;

    AgentProtocolService(AgentRepository agents, HostStatusRepository status, HostLeases leases, AgentTaskService tasks,
            TaskSignals signals, HostReports reports, AuditService audit,
            PlatformTransactionManager transactionManager, Clock clock, MeterRegistry meters,
            @Value("${qm.agents.task-lock:PT5M}") Duration taskLock,
            @Value("${qm.agents.max-poll-wait:PT30S}") Duration maxWait) {
        this.agents = agents;
        this.status = status;
        this.leases = leases;
        this.tasks = tasks;
        this.signals = signals;
        this.reports = reports;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        // A savepoint for the host's status row: two agents registering for a new host at once both try to
        // make it, and the loser must not abort the whole registration (PostgreSQL would).
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
        this.taskLock = taskLock;
        this.maxWait = maxWait;
        this.looks = Counter.builder("qm.agents.poll.looks")
                .description("Looks at the database for deliverable tasks made by agents' long polls").register(meters);
        signals.handOverWith(this::handOverToWaiting);
    }

    /** Spends a bootstrap token: a new agent for the token's hosts, with a credential shown this once. */
    public Registration register(RegisterRequest request) {
        return transactions.execute(tx -> {
            Instant now = clock.instant();
            var token = agents.tokenByHash(Secrets.hash(request.bootstrapToken().strip()))
                    .filter(found -> found.usedAt() == null && found.expiresAt().isAfter(now))
                    .orElseThrow(() -> new QmException(HttpStatus.UNAUTHORIZED, "InvalidBootstrapToken",
                            "The bootstrap token is unknown, used already or expired. Ask a tenant administrator for a"
                                    + " new one (POST /api/v1/agents/bootstrap-tokens)."));
            String name = request.agentName().strip();
            if (agents.nameTaken(token.tenantId(), name)) {
                throw QmException.alreadyExists("An agent named '" + name + "' is registered already; choose another"
                        + " agent.name.");
            }
            UUID agentId = UUID.randomUUID();
            if (!agents.useToken(token.id(), agentId, now)) {
                throw new QmException(HttpStatus.UNAUTHORIZED, "InvalidBootstrapToken",
                        "The bootstrap token was used by another agent just now.");
            }
            String credential = Secrets.generate(CREDENTIAL_PREFIX);
            agents.insertAgent(agentId, token.tenantId(), name, Secrets.hash(credential), request.version(), now);
            List<Registration.HostRef> hosts = agents.hostRefs(token.tenantId(), token.hostIds());
            if (hosts.isEmpty()) {
                throw QmException.conflict("None of the hosts this bootstrap token was made for exists any more.");
            }
            for (Registration.HostRef host : hosts) {
                agents.addHost(agentId, host.id());
                try {
                    savepoint.executeWithoutResult(nested -> status.ensure(host.id()));
                } catch (org.springframework.dao.DuplicateKeyException madeByTheOther) {
                    // the other registration made the row: that is all that was needed
                }
            }
            audit.system("agent.register", Scope.tenant(token.tenantId()), "Agent", agentId,
                    "name=" + name + ", hosts=" + hosts.stream().map(Registration.HostRef::name).toList());
            return new Registration(agentId, credential, hosts);
        });
    }

    /**
     * Tasks for the hosts the agent is primary of: at once when some are queued, otherwise when one is
     * queued within {@code wait}, otherwise none. Tasks queued on this server node wake the poll at
     * once; others are found by {@link TaskRecheck}'s look at the database every {@code qm.agents.poll-recheck}
     * for all waiting polls of this node together. A poll that will wait does not look at the database
     * first when nothing was signalled for the agent's hosts since its last look found everything (an idle
     * agent's polls then cost no transaction at all).
     */
    public TaskBatch poll(AgentPrincipal agent, Duration wait, int max) {
        List<UUID> hosts = agent.hostIds(); // read with the credential
        Duration limit = wait == null || wait.isNegative() ? Duration.ZERO : wait.compareTo(maxWait) > 0 ? maxWait : wait;
        long deadline = System.nanoTime() + limit.toNanos(); // a wait on the wall, not business time
        int asked = Math.max(1, max);
        // Listening before the first look: a task committed after that look signals this poll.
        WaitingPoll waiting = new WaitingPoll(agent, asked);
        signals.register(waiting, hosts);
        try {
            boolean look = limit.isZero() || !signals.nothingNewFor(agent.agentId(), hosts);
            while (true) {
                List<AgentTaskView> leased = look ? look(agent, hosts, asked) : List.of();
                long remaining = deadline - System.nanoTime();
                if (!leased.isEmpty() || remaining <= 0 || signals.closing()) {
                    return new TaskBatch(leased, 0);
                }
                // A signal: a task committed on this node, or TaskRecheck finding work for the host. Or the
                // transaction that queued a task handed it over to this poll directly.
                boolean signalled = waiting.await(Duration.ofNanos(remaining));
                List<AgentTaskView> handed = waiting.settle();
                if (handed != null) {
                    return new TaskBatch(handed, 0);
                }
                if (signals.closing()) {
                    // A stopping node wakes every waiting poll at once: they answer without another look, or
                    // thousands of them would queue for the connection pool while it shuts down.
                    return new TaskBatch(List.of(), 0);
                }
                if (!signalled) {
                    // The wait ran out with nothing announced: no second look. The agent polls again at once,
                    // and that poll finds whatever no signal announced in the meantime (TaskRecheck wakes it).
                    return new TaskBatch(List.of(), 0);
                }
                look = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TaskBatch(List.of(), 0);
        } finally {
            signals.unregister(waiting, hosts);
        }
    }

    /**
     * Called before a transaction that queued tasks for the host commits, with a poll of one of the host's
     * agents waiting on this node: leases the host's deliverable tasks to that agent in the transaction when
     * it is the host's live primary (in a savepoint, so a failure here costs the transaction nothing; the poll
     * is then signalled as before).
     */
    private List<AgentTaskView> handOverToWaiting(WaitingPoll poll, UUID host) {
        List<AgentTask> handed = savepoint.execute(nested -> leases.isLivePrimary(poll.agent().agentId(), host)
                ? tasks.handOver(List.of(host), poll.agent().name(), poll.max(), taskLock) : List.of());
        return handed == null ? List.of() : handed.stream().map(AgentProtocolService::view).toList();
    }

    /** One look at the database: leases what is deliverable to the agent, and notes whether that was all. */
    private List<AgentTaskView> look(AgentPrincipal agent, List<UUID> hosts, int max) {
        long mark = signals.mark();
        looks.increment();
        // Reports, not polls, record that the agent is alive: an idle poll only reads.
        List<AgentTaskView> leased = transactions.execute(tx -> tasks.lease(leases.primaryOf(agent.agentId(), hosts),
                agent.name(), max, taskLock).stream().map(AgentProtocolService::view).toList());
        if (leased.size() < max) {
            signals.sawAll(agent.agentId(), hosts, mark);
        } else {
            signals.sawSome(agent.agentId());
        }
        return leased;
    }

    /**
     * Records a task's success and moves its workflow on, in one transaction. With {@code takeNext}, the
     * tasks that transaction queued for the agent's hosts (the next host step, usually) are leased to the
     * agent in it and returned; otherwise, or when there are none, the answer is null or empty.
     */
    public TaskBatch complete(AgentPrincipal agent, UUID taskId, TaskCompletion completion) {
        return transactions.execute(tx -> {
            Owned owned = requireOwnTask(agent, taskId);
            tasks.complete(owned.task(), completion.attempt(), completion.epoch(),
                    completion.result() == null ? java.util.Map.of() : completion.result());
            int takeNext = completion.takeNextOrNone();
            return takeNext == 0 ? null : new TaskBatch(takeNext(agent, owned.hosts(), takeNext), 0);
        });
    }

    /**
     * Several results in one transaction, each on its own ({@link AgentTaskService#completeEach}): a refused
     * one is answered as its single call would have been, and the others stand. With {@code takeNext}, the
     * tasks they queued for the agent's hosts come back leased, as for one result.
     */
    public TaskCompletionsAnswer completeAll(AgentPrincipal agent, TaskCompletions completions) {
        return transactions.execute(tx -> {
            List<TaskCompletions.Completed> completed = completions.completed();
            List<RuntimeException> refusals = tasks.completeEach(completed.stream()
                    .map(done -> new AgentTaskService.Answer(done.taskId(), done.attempt(), done.epoch(), done.result()))
                    .toList(), task -> {
                        if (!agent.serves(task.hostId())) {
                            throw QmException.notFound("Task", task.id());
                        }
                    });
            List<TaskCompletionsAnswer.Outcome> outcomes = new java.util.ArrayList<>(completed.size());
            for (int i = 0; i < completed.size(); i++) {
                outcomes.add(BatchRefusals.outcome(completed.get(i).taskId(), refusals.get(i)));
            }
            // Only recorded results queue next steps; with none, nothing is handed over (the agent would have no
            // caller to give it to).
            int takeNext = refusals.contains(null) ? completions.takeNextOrNone() : 0;
            return new TaskCompletionsAnswer(outcomes,
                    takeNext == 0 ? List.of() : takeNext(agent, agent.hostIds(), takeNext));
        });
    }

    /** Tasks this transaction queued for hosts the agent is primary of, leased to it. */
    private List<AgentTaskView> takeNext(AgentPrincipal agent, List<UUID> agentHosts, int max) {
        List<UUID> queued = tasks.hostsQueuedHere().stream().filter(agentHosts::contains).toList();
        if (queued.isEmpty()) {
            return List.of(); // nothing queued for the agent: no query at all
        }
        return tasks.handOver(leases.primaryOf(agent.agentId(), queued), agent.name(), max, taskLock).stream()
                .map(AgentProtocolService::view).toList();
    }

    public void fail(AgentPrincipal agent, UUID taskId, TaskFailure failure) {
        transactions.executeWithoutResult(tx -> {
            requireOwnTask(agent, taskId);
            tasks.fail(taskId, failure.attempt(), failure.epoch(),
                    new AgentTaskService.Failure(failure.reason(), failure.message(), failure.retryable()));
        });
    }

    /** Gives a delivery the agent is still running another task lock from now, if it is still current. */
    public TaskLease extend(AgentPrincipal agent, UUID taskId, TaskLeaseExtension extension) {
        return transactions.execute(tx -> {
            requireOwnTask(agent, taskId);
            return new TaskLease(tasks.extend(taskId, extension.attempt(), extension.epoch(), taskLock));
        });
    }

    /** A report about one of the agent's hosts: the heartbeat and the inventory (see {@link HostReports}). */
    public InventoryAck report(AgentPrincipal agent, UUID hostId, InventoryReport report) {
        return reports.report(agent, hostId, report);
    }

    /** A task of one of the agent's hosts, and those hosts. */
    private record Owned(AgentTask task, List<UUID> hosts) {}

    private Owned requireOwnTask(AgentPrincipal agent, UUID taskId) {
        var task = tasks.find(taskId).orElseThrow(() -> QmException.notFound("Task", taskId));
        if (!agent.serves(task.hostId())) {
            throw QmException.notFound("Task", taskId);
        }
        return new Owned(task, agent.hostIds());
    }

    static AgentTaskView view(AgentTask task) {
        return new AgentTaskView(task.id(), task.hostId(), task.machineId(), task.step(), task.parameters(), task.undo(),
                task.attempt(), task.epoch(), task.leaseUntil());
    }
}
