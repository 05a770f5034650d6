package io.quartermaster.agent.hosts;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One machine, one thing at a time: a task delivered again while its first delivery still runs (its lease ran
 * out), or a power correction arriving during a step, waits for the other to finish instead of racing it on
 * the hypervisor. Locks live only while someone holds or waits for them.
 */
public final class MachineLocks {

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users; // changed only inside ConcurrentHashMap.compute, which serializes per key
    }

    private final ConcurrentHashMap<UUID, Entry> locks = new ConcurrentHashMap<>();

    public <T> T withLock(UUID machineId, Supplier<T> work) {
        Entry entry = locks.compute(machineId, (id, existing) -> {
            Entry e = existing == null ? new Entry() : existing;
            e.users++;
            return e;
        });
        entry.lock.lock();
        try {
            return work.get();
        } finally {
            entry.lock.unlock();
            locks.computeIfPresent(machineId, (id, e) -> --e.users == 0 ? null : e);
        }
    }

    /** How many machines have a lock held or waited for (zero when the agent is idle). */
    public int size() {
        return locks.size();
    }
}
