package io.quartermaster.server.agents;

import io.quartermaster.api.agent.AgentTaskView;
import io.quartermaster.server.platform.db.AfterCommit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes long-polling agents of a host when a task for it is committed on this node, so a queued task
 * reaches its agent at once. Tasks queued on another server node, and work that becomes deliverable
 * with time, are found by {@link TaskRecheck}, which wakes the polls of the hosts concerned.
 *
 * <p>It also remembers, for each agent, when its last look at the database found everything there was for
 * it, and for each host when it was last signalled: a poll that will wait need not look first when no
 * signal came for its hosts since, as it would find nothing that {@link TaskRecheck} would not wake it for.
 */
@Component
class TaskSignals implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaskSignals.class);

    /**
     * Leases tasks of a host to a waiting poll's agent in the current transaction, before it commits;
     * returns them (none when the agent is not the host's primary, or nothing is deliverable).
     */
    @FunctionalInterface
    interface HandOver {
        List<AgentTaskView> to(WaitingPoll poll, UUID host);
    }

    /** An agent's last look that found all there was for it: the signals before {@code at} were seen. */
    private record SawAll(long at, List<UUID> hosts) {}

    private final ConcurrentHashMap<UUID, Set<WaitingPoll>> waiters = new ConcurrentHashMap<>();
    private volatile HandOver handOver;
    /** Counts signals; a host's entry is the count at its latest signal. */
    private final AtomicLong signalled = new AtomicLong();
    private final ConcurrentHashMap<UUID, Long> lastSignal = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, SawAll> sawAll = new ConcurrentHashMap<>();
    private volatile boolean running;

    void register(WaitingPoll poll, Collection<UUID> hosts) {
        hosts.forEach(host -> waiters.computeIfAbsent(host, key -> ConcurrentHashMap.newKeySet()).add(poll));
    }

    void unregister(WaitingPoll poll, Collection<UUID> hosts) {
        hosts.forEach(host -> waiters.computeIfPresent(host, (key, set) -> {
            set.remove(poll);
            return set.isEmpty() ? null : set;
        }));
    }

    /** How a transaction that queued tasks hands them to a poll waiting on this node (set once, at start). */
    void handOverWith(HandOver handOver) {
        this.handOver = handOver;
    }

    /** The hosts with a poll waiting on this node now. */
    List<UUID> waitingHosts() {
        return new ArrayList<>(waiters.keySet());
    }

    /** The agents with a poll waiting on this node now (their heartbeat, see {@link PollHeartbeats}). */
    Set<UUID> waitingAgents() {
        Set<UUID> agents = new HashSet<>();
        waiters.values().forEach(polls -> polls.forEach(poll -> agents.add(poll.agent().agentId())));
        return agents;
    }

    /** Signals the host's waiting polls once the current transaction commits (at once without one). */
    void wakeAfterCommit(UUID host) {
        AfterCommit.run(() -> wake(host));
    }

    /**
     * A task for the host was queued in the current transaction: its waiting polls are signalled once the
     * transaction commits, unless the task was {@linkplain #handedOver handed over} in it already (at once
     * without a transaction).
     */
    void queuedAfterCommit(UUID host, UUID taskId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wake(host);
            return;
        }
        QueuedHere queued = (QueuedHere) TransactionSynchronizationManager.getResource(this);
        if (queued == null) {
            queued = new QueuedHere();
            TransactionSynchronizationManager.bindResource(this, queued);
            TransactionSynchronizationManager.registerSynchronization(queued);
        }
        queued.byHost.computeIfAbsent(host, key -> new LinkedHashSet<>()).add(taskId);
    }

    /** The hosts the current transaction queued tasks for that were not handed over yet. */
    Set<UUID> hostsQueuedHere() {
        QueuedHere queued = TransactionSynchronizationManager.isSynchronizationActive()
                ? (QueuedHere) TransactionSynchronizationManager.getResource(this) : null;
        return queued == null ? Set.of() : Set.copyOf(queued.byHost.keySet());
    }

    /** The task went to an agent in the transaction that queued it: no poll needs waking for it. */
    void handedOver(UUID host, UUID taskId) {
        QueuedHere queued = TransactionSynchronizationManager.isSynchronizationActive()
                ? (QueuedHere) TransactionSynchronizationManager.getResource(this) : null;
        if (queued != null) {
            queued.byHost.computeIfPresent(host, (key, ids) -> {
                ids.remove(taskId);
                return ids.isEmpty() ? null : ids;
            });
        }
    }

    /**
     * What one transaction queued, by host, until it ends. Before it commits, the tasks of a host with a poll
     * of its primary agent waiting on this node are leased to that agent and, once it committed, handed to
     * the poll: the agent has them without another transaction, and without the poll's look after a signal.
     */
    private final class QueuedHere implements TransactionSynchronization {
        private final Map<UUID, Set<UUID>> byHost = new LinkedHashMap<>();
        private final Map<WaitingPoll, List<AgentTaskView>> handed = new LinkedHashMap<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            HandOver to = handOver;
            if (to == null) {
                return;
            }
            for (UUID host : List.copyOf(byHost.keySet())) {
                Set<WaitingPoll> waiting = waiters.get(host);
                for (WaitingPoll poll : waiting == null ? List.<WaitingPoll>of() : List.copyOf(waiting)) {
                    if (!byHost.containsKey(host)) {
                        break; // every task queued here for the host was handed over
                    }
                    if (handed.containsKey(poll) || !poll.reserve()) {
                        continue;
                    }
                    List<AgentTaskView> tasks = List.of();
                    try {
                        tasks = to.to(poll, host);
                    } catch (RuntimeException e) {
                        log.warn("Could not hand tasks of host {} to a waiting poll; it is signalled instead: {}", host,
                                e.toString());
                    }
                    if (tasks.isEmpty()) {
                        poll.release();
                    } else {
                        handed.put(poll, tasks);
                    }
                }
            }
        }

        @Override
        public void afterCommit() {
            handed.forEach(WaitingPoll::deliver);
            byHost.keySet().forEach(TaskSignals.this::wake);
        }

        @Override
        public void afterCompletion(int status) {
            if (status != STATUS_COMMITTED) {
                handed.keySet().forEach(WaitingPoll::release);
            }
            TransactionSynchronizationManager.unbindResourceIfPossible(TaskSignals.this);
        }
    }

    /** True while the server stops: polls answer at once (empty) instead of holding the shutdown up. */
    boolean closing() {
        return !running;
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Stops before the web server's graceful shutdown (a higher phase stops first), releasing every waiting
     * poll: otherwise the shutdown would wait for each long poll to run out (up to its whole wait).
     */
    @Override
    public void stop() {
        running = false;
        waiters.values().forEach(waiting -> waiting.forEach(WaitingPoll::signal));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Where the signals stand: taken before a look, then given to {@link #sawAll} if it found everything. */
    long mark() {
        return signalled.get();
    }

    /** The agent's look, begun at {@code mark}, leased it everything deliverable for these hosts. */
    void sawAll(UUID agentId, List<UUID> hosts, long mark) {
        sawAll.put(agentId, new SawAll(mark, List.copyOf(hosts)));
    }

    /** The agent's look may have left work behind (it took as many as it asked for). */
    void sawSome(UUID agentId) {
        sawAll.remove(agentId);
    }

    /**
     * True when no host of the agent was signalled since its last look that found everything: a look now
     * would find only work no signal announces (queued on another node, or deliverable with time), which
     * {@link TaskRecheck} finds for waiting polls.
     */
    boolean nothingNewFor(UUID agentId, List<UUID> hosts) {
        SawAll seen = sawAll.get(agentId);
        if (seen == null || !seen.hosts().equals(hosts)) {
            return false;
        }
        for (UUID host : hosts) {
            if (lastSignal.getOrDefault(host, Long.MIN_VALUE) > seen.at()) {
                return false;
            }
        }
        return true;
    }

    void wake(UUID host) {
        // Counted before the polls are released, so a poll woken by it and looking takes a later mark.
        lastSignal.merge(host, signalled.incrementAndGet(), Math::max);
        Set<WaitingPoll> waiting = waiters.get(host);
        if (waiting != null) {
            waiting.forEach(WaitingPoll::signal);
        }
    }
}
