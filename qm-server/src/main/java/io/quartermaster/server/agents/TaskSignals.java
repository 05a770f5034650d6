package io.quartermaster.server.agents;

import java.time.Duration;
import java.util.Collection;
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
