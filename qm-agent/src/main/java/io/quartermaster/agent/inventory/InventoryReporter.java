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
import io.quartermaster.api.agent.InventoryAck;
import io.quartermaster.api.agent.InventoryAck.PowerCorrection;
import io.quartermaster.api.agent.InventoryReport;
import io.quartermaster.api.machines.PowerState;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Tells the server what really exists on each host, every {@code interval} and at once when asked (after a
 * task changed something), with the host's facts until the server has taken them. The report is also the
 * heartbeat; its answer says whether this agent is the host's primary, the fencing epoch, and which power
 * states to correct (done only by the primary).
 */
public final class InventoryReporter {

    private static final System.Logger log = System.getLogger(InventoryReporter.class.getName());

    private final HostRoster roster;
    private final MachineLocks locks;
    private final AgentApiClient api;
    private final Duration interval;
    private final String agentVersion;
    private final Semaphore wanted = new Semaphore(0);

    public InventoryReporter(HostRoster roster, MachineLocks locks, AgentApiClient api, Duration interval, String agentVersion) {
        this.roster = roster;
        this.locks = locks;
        this.api = api;
        this.interval = interval;
        this.agentVersion = agentVersion;
    }

    /** Asks for a report as soon as the reporting loop can send one. */
    public void requestReport() {
        wanted.release();
    }

    /** Reports every interval or when asked, until interrupted; a rejected credential ends it. */
    public void run() throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            wanted.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
            wanted.drainPermits(); // several requests meanwhile are served by one report
            reportAll();
        }
        throw new InterruptedException("The inventory reporter was stopped");
    }

    /** One report per host; a host whose hypervisor or server cannot be reached is tried next time. */
    public void reportAll() {
        for (ServedHost host : roster.all()) {
            try {
                report(host);
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

    private void report(ServedHost host) {
        Driver driver = host.driver();
        List<InventoryReport.SeenMachine> machines = driver.list().stream().map(InventoryReporter::seen).toList();
        InventoryReport.HostFacts facts = host.factsDelivered() ? null : facts(driver);
        InventoryAck ack = api.inventory(host.id(), new InventoryReport(host.epoch(), facts, machines));
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
