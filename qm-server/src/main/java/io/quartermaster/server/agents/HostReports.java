package io.quartermaster.server.agents;

import io.quartermaster.api.agent.InventoryAck;
import io.quartermaster.api.agent.InventoryReport;
import io.quartermaster.server.platform.errors.QmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An agent's inventory report about one of its hosts: the heartbeat, the primary's lease, and the
 * comparison of what the host has with what the server believes (a backup's report only says it is alive).
 *
 * <p>A report that changes nothing writes nothing. What reports keep fresh is written again only once it
 * is older than a quarter of what it guards: the primary's lease a quarter of {@code qm.agents.primary-lease}
 * ({@link HostLeases#renewalDue}); the host's {@code last_report_at}, the agent's {@code last_seen_at} and
 * unmanaged machines' {@code last_seen_at} a quarter of {@code qm.agents.silent-after}. So a host silent for
 * {@code silent-after} is Disconnected, one silent for less than three quarters of it never is; and the
 * machines' conditions are written only when they change, as before.
 *
 * <p>A primary's answer asks it to report at least every {@code qm.agents.quiet-reports} when nothing changed
 * ({@link InventoryAck#reportWithinMillis}): while its long poll waits, {@link PollHeartbeats} keeps its lease
 * and the host's last report fresh. {@code PT0S} asks for a report every inventory interval, as agents that
 * predate it send anyway.
 */
@Component
class HostReports {

    private final AgentRepository agents;
    private final HostStatusRepository status;
    private final HostLeases leases;
    private final ObjectProvider<HostInventoryListener> inventoryListeners;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration freshFor;
    private final boolean correctPowerDrift;
    /** What a primary's answer asks for ({@link InventoryAck#reportWithinMillis}); null: every interval. */
    private final Long quietReportMillis;
    /** When this node last wrote each agent's {@code last_seen_at} (another node may have since: harmless). */
    private final ConcurrentHashMap<UUID, Instant> seenWritten = new ConcurrentHashMap<>();
    /** Looked up on the first report: a look-up per report searched the bean factory on every call. */
    private volatile HostInventoryListener inventoryListener;

    HostReports(AgentRepository agents, HostStatusRepository status, HostLeases leases,
            ObjectProvider<HostInventoryListener> inventoryListeners, PlatformTransactionManager transactionManager,
            Clock clock, @Value("${qm.agents.silent-after:PT3M}") Duration silentAfter,
            @Value("${qm.agents.correct-power-drift:false}") boolean correctPowerDrift,
            @Value("${qm.agents.quiet-reports:PT15M}") Duration quietReports) {
        this.agents = agents;
        this.status = status;
        this.leases = leases;
        this.inventoryListeners = inventoryListeners;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.freshFor = silentAfter.dividedBy(4);
        this.correctPowerDrift = correctPowerDrift;
        this.quietReportMillis = quietReports.isZero() || quietReports.isNegative() ? null : quietReports.toMillis();
    }

    /** The report; its answer says whether the agent is the host's primary, the epoch, and power corrections. */
    InventoryAck report(AgentPrincipal agent, UUID hostId, InventoryReport report) {
        if (!agent.serves(hostId)) {
            throw QmException.notFound("Host", hostId);
        }
        Instant now = clock.instant();
        boolean seenDue = seenWritten.getOrDefault(agent.agentId(), Instant.MIN).isBefore(now.minus(freshFor));
        InventoryAck ack = transactions.execute(tx -> {
            if (seenDue) {
                agents.seen(agent.agentId(), now);
            }
            var current = status.find(hostId).orElseThrow(() -> QmException.notFound("Host", hostId));
            HostLeases.Role role = leases.onReport(current, agent.agentId(), now);
            boolean tookOver = role.epoch() != current.epoch();
            // Epoch 0 is a freshly started agent process: what it had in flight died with the old one. (An agent
            // that lost the host and got it back knows an old epoch; its tasks went back when it lost it.)
            if (role.primary() && report.epoch() == 0 && role.epoch() != 0) {
                role = leases.restarted(hostId, agent.agentId());
            }
            if (!role.primary()) {
                return new InventoryAck(false, role.epoch(), List.of());
            }
            Instant freshAfter = now.minus(freshFor);
            boolean write = tookOver || report.facts() != null || leases.renewalDue(current, now)
                    || !"Connected".equals(current.connection()) || current.lastReportAt() == null
                    || current.lastReportAt().isBefore(freshAfter);
            if (write && !status.heard(hostId, agent.agentId(), now, leases.leaseFrom(now), report.facts())) {
                // taken over since it was read
                return new InventoryAck(false, status.find(hostId).map(HostStatusRepository.HostStatus::epoch)
                        .orElse(current.epoch()), List.of());
            }
            List<InventoryReport.SeenMachine> seen = report.machines() == null ? List.of() : report.machines();
            HostInventoryListener listener = inventoryListener();
            if (listener == null) {
                return new InventoryAck(true, role.epoch(), List.of(), quietReportMillis);
            }
            var reconciliation = listener.reconcile(hostId, seen, correctPowerDrift);
            status.replaceUnmanaged(hostId, reconciliation.unmanaged(), now, freshAfter);
            return new InventoryAck(true, role.epoch(), reconciliation.corrections(), quietReportMillis);
        });
        if (seenDue) {
            seenWritten.put(agent.agentId(), now);
        }
        return ack;
    }

    private HostInventoryListener inventoryListener() {
        HostInventoryListener listener = inventoryListener;
        if (listener == null) {
            listener = inventoryListeners.getIfAvailable();
            inventoryListener = listener;
        }
        return listener;
    }
}
