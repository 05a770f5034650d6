package io.quartermaster.server.agents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which agent acts for a host. Several agents may serve one host; the primary holds a lease renewed by
 * its inventory reports and, while its long poll waits on a node, by {@link PollHeartbeats}; when that
 * lapses the next agent to call takes the host over and the host's fencing epoch goes up by one. Tasks
 * still leased under the old epoch go back to the queue, and results the old primary sends for them are
 * refused, so two agents never act on a host at once.
 */
@Component
class HostLeases {

    private static final Logger log = LoggerFactory.getLogger(HostLeases.class);

    /** This agent's role on a host now and the host's epoch. */
    record Role(boolean primary, long epoch) {}

    private final HostStatusRepository status;
    private final AgentTaskRepository tasks;
    private final TaskSignals signals;
    private final Clock clock;
    private final Duration leaseFor;

    HostLeases(HostStatusRepository status, AgentTaskRepository tasks, TaskSignals signals, Clock clock,
            @Value("${qm.agents.primary-lease:PT3M}") Duration leaseFor) {
        this.status = status;
        this.tasks = tasks;
        this.signals = signals;
        this.clock = clock;
        this.leaseFor = leaseFor;
    }

    /**
     * The agent's role on the host as its report finds it ({@code current}, read in the caller's transaction):
     * primary when it holds the host (even with a lapsed lease nobody took), otherwise primary only if it can
     * take the host over now. Writes only for a take-over; renewing is the caller's, with the report's own
     * write (see {@link #renewalDue}).
     */
    Role onReport(HostStatusRepository.HostStatus current, UUID agentId, Instant now) {
        if (agentId.equals(current.primaryAgentId())) {
            return new Role(true, current.epoch());
        }
        boolean live = current.primaryAgentId() != null && current.leaseUntil() != null
                && !current.leaseUntil().isBefore(now);
        return live ? new Role(false, current.epoch()) : takeOverIfFree(current.hostId(), agentId, now);
    }

    /**
     * Whether the primary's lease should be written again: once a quarter of it has passed since it was last
     * renewed. Reports more frequent than that write nothing for the lease, and the primary still holds at
     * least three quarters of a lease after every report, so one lost report never costs it the host.
     */
    boolean renewalDue(HostStatusRepository.HostStatus current, Instant now) {
        return current.leaseUntil() == null || current.leaseUntil().isBefore(now.plus(leaseFor.multipliedBy(3).dividedBy(4)));
    }

    /** Until when a lease renewed now runs. */
    Instant leaseFrom(Instant now) {
        return now.plus(leaseFor);
    }

    /**
     * The hosts among {@code hosts} this agent is primary of, taking over any without a live primary;
     * unlike {@link #claim} it does not renew (reports do), so an idle poll writes nothing.
     */
    List<UUID> primaryOf(UUID agentId, List<UUID> hosts) {
        Instant now = clock.instant();
        List<UUID> primary = new ArrayList<>();
        for (UUID host : hosts) {
            var current = status.find(host).orElse(null);
            if (current == null) {
                continue;
            }
            boolean live = current.primaryAgentId() != null && current.leaseUntil() != null
                    && !current.leaseUntil().isBefore(now);
            // A take-over that finds the lease renewed meanwhile may have lost to this agent's own renewal (a
            // report, or PollHeartbeats' round for this very poll): it is primary then, read again.
            if (live ? agentId.equals(current.primaryAgentId())
                    : takeOverIfFree(host, agentId, now).primary() || isLivePrimary(agentId, host)) {
                primary.add(host);
            }
        }
        return primary;
    }

    /** Whether the agent holds the host with a live lease now: a read, never a take-over. */
    boolean isLivePrimary(UUID agentId, UUID host) {
        Instant now = clock.instant();
        return status.find(host).filter(current -> agentId.equals(current.primaryAgentId())
                && current.leaseUntil() != null && !current.leaseUntil().isBefore(now)).isPresent();
    }

    /**
     * The primary reported epoch 0: its process restarted, and every step it had in flight died with the
     * old one. Its deliveries in flight are handed out again at once under a new epoch, instead of after
     * their locks run out.
     */
    Role restarted(UUID hostId, UUID agentId) {
        if (!status.bump(hostId, agentId)) {
            return new Role(false, epoch(hostId));
        }
        long epoch = epoch(hostId);
        int requeued = requeueOlderThan(hostId, epoch);
        if (requeued > 0) {
            log.info("Agent {} of host {} restarted (epoch {}); {} task(s) it had in flight re-queued", agentId, hostId,
                    epoch, requeued);
        }
        return new Role(true, epoch);
    }

    private Role takeOverIfFree(UUID hostId, UUID agentId, Instant now) {
        if (!status.takeOver(hostId, agentId, now, now.plus(leaseFor))) {
            return new Role(false, epoch(hostId));
        }
        long epoch = epoch(hostId);
        int requeued = requeueOlderThan(hostId, epoch);
        log.info("Agent {} is now primary for host {} (epoch {}); {} task(s) of the previous primary re-queued",
                agentId, hostId, epoch, requeued);
        return new Role(true, epoch);
    }

    /** Re-queued tasks are announced like new ones: the host's polls wake, and its next poll looks. */
    private int requeueOlderThan(UUID hostId, long epoch) {
        int requeued = tasks.requeueOlderThan(hostId, epoch);
        if (requeued > 0) {
            signals.wakeAfterCommit(hostId);
        }
        return requeued;
    }

    private long epoch(UUID hostId) {
        return status.find(hostId).map(HostStatusRepository.HostStatus::epoch).orElse(0L);
    }
}
