package io.quartermaster.agent.inventory;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.DriverException;
import io.quartermaster.agent.driver.Fingerprint;
import io.quartermaster.agent.driver.MachineStatus;
import io.quartermaster.agent.hosts.HostRoster;
import io.quartermaster.agent.hosts.MachineLocks;
import io.quartermaster.agent.hosts.ServedHost;
import io.quartermaster.agent.server.AgentApiClient;
import io.quartermaster.agent.server.ServerProblem;
import io.quartermaster.agent.server.ServerUnreachable;
import io.quartermaster.agent.tasks.PollWatch;
import io.quartermaster.api.agent.InventoryAck;
import io.quartermaster.api.agent.InventoryAck.PowerCorrection;
import io.quartermaster.api.agent.InventoryReport;
import io.quartermaster.api.machines.PowerState;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Tells the server what really exists on each host: it looks every {@code interval}, and reports at once
 * when asked (after a task changed something), with the host's facts until the server has taken them. The
 * answer says whether this agent is the host's primary, the fencing epoch, and which power states to correct
 * (done only by the primary).
 *
 * <p>The report is the heartbeat of a backup (it takes the host over by reporting once the primary's lease
 * lapsed), and of a primary whose server does not say otherwise. A server that counts the primary's waiting
 * long polls as its heartbeat answers with {@link InventoryAck#reportWithinMillis}: the primary then leaves
 * out a look's report when the host's machines are as last reported, its polls have been waiting at the
 * server throughout the last interval ({@link PollWatch}), and the last report is younger than that (less a
 * random quarter, so agents started together do not keep reporting together).
 */
public final class InventoryReporter {

    private static final System.Logger log = System.getLogger(InventoryReporter.class.getName());

    private final HostRoster roster;
    private final MachineLocks locks;
    private final AgentApiClient api;
    private final Duration interval;
    private final String agentVersion;
    private final Clock clock;
    private final PollWatch polls;
    private final Semaphore wanted = new Semaphore(0);
    /** Per host, what its last answered report said, when, and how long a quiet primary may wait for the next. */
    private final Map<UUID, Sent> sent = new ConcurrentHashMap<>();

    private record Sent(List<InventoryReport.SeenMachine> machines, Instant at, Duration quietFor) {}

    public InventoryReporter(HostRoster roster, MachineLocks locks, AgentApiClient api, Duration interval, String agentVersion,
            Clock clock, PollWatch polls) {
        this.roster = roster;
        this.locks = locks;
        this.api = api;
        this.interval = interval;
        this.agentVersion = agentVersion;
        this.clock = clock;
        this.polls = polls;
    }

    /** Asks for a report as soon as the reporting loop can send one. */
    public void requestReport() {
        wanted.release();
    }

    /** Looks every interval, and reports at once when asked, until interrupted; a rejected credential ends it. */
    public void run() throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            boolean asked = wanted.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
            wanted.drainPermits(); // several requests meanwhile are served by one report
            reportAll(asked);
        }
        throw new InterruptedException("The inventory reporter was stopped");
    }

    /** One report per host, whatever changed; a host whose hypervisor or server cannot be reached is tried next time. */
    public void reportAll() {
        reportAll(true);
    }

    /** One look per host; {@code always}: a report for each, otherwise only where one is due (see above). */
    void reportAll(boolean always) {
        for (ServedHost host : roster.all()) {
            try {
                report(host, always);
            } catch (DriverException e) {
                log.log(Level.WARNING, "No inventory for host {0}: the driver failed ({1}): {2}", host, e.reason(), e.getMessage());
            } catch (ServerUnreachable e) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // the agent is stopping
                }
                log.log(Level.WARNING, "Inventory of host {0} not delivered: {1}", host, e.getMessage());
            } catch (ServerProblem e) {
                if (e.isInvalidCredential()) {
                    throw e;
                }
                log.log(Level.WARNING, "Inventory of host {0} refused: {1}", host, e.getMessage());
            }
        }
    }

    private void report(ServedHost host, boolean always) {
        Driver driver = host.driver();
        List<InventoryReport.SeenMachine> machines = driver.list().stream().map(InventoryReporter::seen).toList();
        InventoryReport.HostFacts facts = host.factsDelivered() ? null : facts(driver);
        if (!always && facts == null && quiet(host, machines)) {
            return;
        }
        Instant at = clock.instant();
        InventoryAck ack = api.inventory(host.id(), new InventoryReport(host.epoch(), facts, machines));
        sent.put(host.id(), new Sent(machines, at, quietFor(ack)));
        boolean wasPrimary = host.primary();
        roster.acknowledge(host, ack.primary(), ack.epoch(), facts != null);
        if (wasPrimary != ack.primary()) {
            log.log(Level.INFO, "This agent is now the {0} of host {1} (epoch {2})", ack.primary() ? "primary" : "backup",
                    host, ack.epoch());
        }
        if (ack.primary() && ack.corrections() != null && !ack.corrections().isEmpty()) {
            correct(host, ack.corrections());
        }
    }

    /** Whether this look's report may be left out: see the class comment. */
    private boolean quiet(ServedHost host, List<InventoryReport.SeenMachine> machines) {
        Sent last = sent.get(host.id());
        return last != null && last.quietFor() != null && host.primary() && last.machines().equals(machines)
                && clock.instant().isBefore(last.at().plus(last.quietFor())) && polls.waitingThroughout(interval);
    }

    /** Up to a random quarter less than the server asked for; null when it asked for a report every interval. */
    private static Duration quietFor(InventoryAck ack) {
        Long within = ack.reportWithinMillis();
        if (within == null || within <= 0) {
            return null;
        }
        return Duration.ofMillis(within - ThreadLocalRandom.current().nextLong(within / 4 + 1));
    }

    private void correct(ServedHost host, List<PowerCorrection> corrections) {
        for (PowerCorrection correction : corrections) {
            PowerState power;
            try {
                power = PowerState.valueOf(correction.powerState());
            } catch (IllegalArgumentException | NullPointerException e) {
                log.log(Level.WARNING, "Ignoring a correction of machine {0} to {1}: only On and Off can be set",
                        correction.machineId(), correction.powerState());
                continue;
            }
            try {
                locks.withLock(correction.machineId(), () -> host.driver().ensurePower(correction.machineId(), power));
                log.log(Level.INFO, "Powered machine {0} {1} as the server asked", correction.machineId(), power);
            } catch (DriverException e) {
                log.log(Level.WARNING, "Could not power machine {0} {1}: {2}", correction.machineId(), power, e.getMessage());
            }
        }
        requestReport(); // let the server see the corrected states without waiting an interval
    }

    private InventoryReport.HostFacts facts(Driver driver) {
        Fingerprint fingerprint = driver.fingerprint();
        return new InventoryReport.HostFacts(fingerprint.cpuCount(), fingerprint.memoryMiB(), fingerprint.hypervisor(),
                fingerprint.hypervisorVersion(), driver.name(), agentVersion);
    }

    private static InventoryReport.SeenMachine seen(MachineStatus machine) {
        return new InventoryReport.SeenMachine(machine.id(), machine.name(), machine.power().name(), machine.cpu(),
                machine.memoryMiB());
    }
}
