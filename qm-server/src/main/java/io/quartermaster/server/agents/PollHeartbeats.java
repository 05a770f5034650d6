package io.quartermaster.server.agents;

import io.quartermaster.server.platform.PeriodicWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A primary agent's long poll waiting on this node is its heartbeat. Every quarter of the shorter of
 * {@code qm.agents.primary-lease} and {@code qm.agents.silent-after}, it renews the lease and the last report
 * of every host whose primary has a poll waiting here, and those agents' {@code last_seen_at}, a thousand
 * agents to a transaction. So an idle primary need not report to keep its host: it reports when its
 * inventory changes, and at least every {@code qm.agents.quiet-reports} (see {@link HostReports}).
 *
 * <p>The price: a primary that dies while its poll waits is taken for alive until that poll's wait runs out
 * (the server learns of a closed connection only when it answers), so a backup takes its hosts over, and
 * the host shows Disconnected, up to {@code qm.agents.max-poll-wait} later than after its last report alone.
 */
@Component
class PollHeartbeats extends PeriodicWork {

    /** Agents per statement, to keep the IN list of a large fleet a reasonable size. */
    private static final int CHUNK = 1000;

    private final TaskSignals signals;
    private final HostStatusRepository status;
    private final AgentRepository agents;
    private final HostLeases leases;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration every;

    PollHeartbeats(TaskSignals signals, HostStatusRepository status, AgentRepository agents, HostLeases leases,
            PlatformTransactionManager transactionManager, Clock clock,
            @Value("${qm.agents.primary-lease:PT3M}") Duration lease,
            @Value("${qm.agents.silent-after:PT3M}") Duration silentAfter) {
        super("qm-poll-heartbeats", cadence(lease, silentAfter));
        this.signals = signals;
        this.status = status;
        this.agents = agents;
        this.leases = leases;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.every = cadence(lease, silentAfter);
    }

    /** A quarter of the shorter: a host stays renewed and Connected though a round or two go missing. */
    private static Duration cadence(Duration lease, Duration silentAfter) {
        return (lease.compareTo(silentAfter) < 0 ? lease : silentAfter).dividedBy(4);
    }

    /** One round: returns how many hosts' leases it renewed. */
    int beat() {
        List<UUID> waiting = new ArrayList<>(signals.waitingAgents());
        if (waiting.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        // What a report renewed less than half a round ago is left alone.
        Instant renewBefore = leases.leaseFrom(now).minus(every.dividedBy(2));
        Instant freshAfter = now.minus(every.dividedBy(2));
        int renewed = 0;
        for (int from = 0; from < waiting.size(); from += CHUNK) {
            List<UUID> chunk = waiting.subList(from, Math.min(waiting.size(), from + CHUNK));
            // A transaction per chunk holds its rows briefly; agents before hosts, in the order a report writes
            // them, so a report and a round never wait for each other in a circle.
            Integer hosts = transactions.execute(tx -> {
                agents.seenAll(chunk, now, freshAfter);
                return status.heardFromPrimaries(chunk, now, leases.leaseFrom(now), renewBefore, freshAfter);
            });
            renewed += hosts == null ? 0 : hosts;
        }
        return renewed;
    }

    @Override
    protected void runOnce() {
        beat();
    }
}
