package io.quartermaster.server.agents;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import io.quartermaster.server.platform.PeriodicWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Finds work that no signal announces: tasks queued on another server node, a retry whose backoff ran
 * out, a delivery whose lease lapsed. Every {@code qm.agents.poll-recheck} one query asks which of the
 * hosts with a waiting poll on this node have a deliverable task, and wakes those polls. (Each waiting
 * poll used to look at the database itself at that cadence: with thousands of idle agents, one
 * transaction per agent every few seconds.)
 */
@Component
class TaskRecheck extends PeriodicWork {

    /** Hosts per query, to keep the IN list of a large fleet a reasonable size. */
    private static final int CHUNK = 1000;

    private final AgentTaskRepository tasks;
    private final TaskSignals signals;
    private final Clock clock;

    TaskRecheck(AgentTaskRepository tasks, TaskSignals signals, Clock clock,
            @Value("${qm.agents.poll-recheck:PT5S}") Duration every) {
        super("qm-task-recheck", every);
        this.tasks = tasks;
        this.signals = signals;
        this.clock = clock;
    }

    /** One look: wakes the waiting polls of every host with a deliverable task; returns those hosts. */
    List<UUID> recheck() {
        List<UUID> waiting = signals.waitingHosts();
        List<UUID> withWork = new ArrayList<>();
        for (int from = 0; from < waiting.size(); from += CHUNK) {
            withWork.addAll(tasks.hostsWithDeliverable(waiting.subList(from, Math.min(waiting.size(), from + CHUNK)),
                    clock.instant()));
        }
        withWork.forEach(signals::wake);
        return withWork;
    }

    @Override
    protected void runOnce() {
        recheck();
    }
}
