package io.quartermaster.server.agents;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes long-polling agents of a host when a task for it is committed on this node, so a queued task
 * reaches its agent at once. Tasks queued on another server node, and work that becomes deliverable
 * with time, are found by {@link TaskRecheck}, which wakes the polls of the hosts concerned.
 */
@Component
class TaskSignals implements SmartLifecycle {

    /** One waiting poll; released once per signal for any of its hosts. */
    static final class Waiter {
        private final Semaphore signals = new Semaphore(0);

        /** Waits up to {@code limit} for a signal; true when one came. */
        boolean await(Duration limit) throws InterruptedException {
            boolean signalled = signals.tryAcquire(Math.max(0, limit.toNanos()), TimeUnit.NANOSECONDS);
            signals.drainPermits();
            return signalled;
        }
    }

    private final ConcurrentHashMap<UUID, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private volatile boolean running;

    Waiter register(Collection<UUID> hosts) {
        Waiter waiter = new Waiter();
        hosts.forEach(host -> waiters.computeIfAbsent(host, key -> ConcurrentHashMap.newKeySet()).add(waiter));
        return waiter;
    }

    void unregister(Waiter waiter, Collection<UUID> hosts) {
        hosts.forEach(host -> waiters.computeIfPresent(host, (key, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        }));
    }

    /** The hosts with a poll waiting on this node now. */
    Set<UUID> waitingHosts() {
        return Set.copyOf(waiters.keySet());
    }

    /** Signals the host's waiting polls once the current transaction commits (at once without one). */
    void wakeAfterCommit(UUID host) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wake(host);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wake(host);
            }
        });
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

    /** What one transaction queued, by host, until it ends. */
    private final class QueuedHere implements TransactionSynchronization {
        private final Map<UUID, Set<UUID>> byHost = new LinkedHashMap<>();

        @Override
        public void afterCommit() {
            byHost.keySet().forEach(TaskSignals.this::wake);
        }

        @Override
        public void afterCompletion(int status) {
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
        waiters.values().forEach(waiting -> waiting.forEach(waiter -> waiter.signals.release()));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    void wake(UUID host) {
        Set<Waiter> waiting = waiters.get(host);
        if (waiting != null) {
            waiting.forEach(waiter -> waiter.signals.release());
        }
    }
}
