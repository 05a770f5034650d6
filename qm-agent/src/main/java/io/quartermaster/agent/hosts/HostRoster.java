package io.quartermaster.agent.hosts;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The hosts this agent serves, and a way to wait until it is primary for at least one of them. */
public final class HostRoster {

    private final Map<UUID, ServedHost> hosts = new LinkedHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roleChanged = lock.newCondition();

    public HostRoster(List<ServedHost> hosts) {
        hosts.forEach(host -> this.hosts.put(host.id(), host));
    }

    public List<ServedHost> all() {
        return List.copyOf(hosts.values());
    }

    public Optional<ServedHost> host(UUID id) {
        return Optional.ofNullable(hosts.get(id));
    }

    /**
     * Records the server's answer to an inventory report: the agent's role on the host and the epoch;
     * {@code sentFacts} says whether the report carried the host's facts.
     */
    public void acknowledge(ServedHost host, boolean primary, long epoch, boolean sentFacts) {
        lock.lock();
        try {
            host.acknowledge(primary, epoch, sentFacts);
            roleChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean anyPrimary() {
        return hosts.values().stream().anyMatch(ServedHost::primary);
    }

    /** Waits up to {@code timeout} for the agent to be primary somewhere; says whether it is. */
    public boolean awaitAnyPrimary(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!anyPrimary() && nanos > 0) {
                nanos = roleChanged.awaitNanos(nanos);
            }
            return anyPrimary();
        } finally {
            lock.unlock();
        }
    }
}
