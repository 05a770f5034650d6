package io.quartermaster.server.agents;

import static io.quartermaster.server.platform.db.Sql.instant;
import static io.quartermaster.server.platform.db.Sql.ts;
import static io.quartermaster.server.platform.db.Sql.uuid;

import io.quartermaster.api.agent.HostAgentView.UnmanagedMachine;
import io.quartermaster.api.agent.InventoryReport;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each host's primary agent, fencing epoch and last report (host_agent_status), and its unmanaged machines. */
@Repository
class HostStatusRepository {

    record HostStatus(UUID hostId, UUID primaryAgentId, long epoch, Instant leaseUntil, Instant lastReportAt,
            String connection, InventoryReport.HostFacts facts) {}

    private final JdbcClient jdbc;

    HostStatusRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes the host's row if it has none yet (a registration names the host for the first time). */
    void ensure(UUID hostId) {
        jdbc.sql("""
                INSERT INTO host_agent_status (host_id, epoch, connection)
                SELECT ?, 0, 'Connected' FROM (VALUES (1)) one
                WHERE NOT EXISTS (SELECT 1 FROM host_agent_status WHERE host_id = ?)""")
                .params(hostId, hostId).update();
    }

    Optional<HostStatus> find(UUID hostId) {
        return jdbc.sql("SELECT * FROM host_agent_status WHERE host_id = ?").param(hostId).query(this::map).optional();
    }

    /** Takes the host over when it has no primary or the primary's lease lapsed, raising the epoch. */
    boolean takeOver(UUID hostId, UUID agentId, Instant now, Instant until) {
        return jdbc.sql("""
                UPDATE host_agent_status SET primary_agent_id = ?, epoch = epoch + 1, lease_until = ?
                WHERE host_id = ? AND (primary_agent_id IS NULL OR lease_until IS NULL OR lease_until < ?)""")
                .params(agentId, ts(until), hostId, ts(now)).update() == 1;
    }

    /** Raises the host's epoch while {@code agentId} stays its primary. */
    boolean bump(UUID hostId, UUID agentId) {
        return jdbc.sql("UPDATE host_agent_status SET epoch = epoch + 1 WHERE host_id = ? AND primary_agent_id = ?")
                .params(hostId, agentId).update() == 1;
    }

    /** Gives up a host's primary role (the agent was revoked): a backup takes over at its next call. */
    void release(UUID agentId) {
        jdbc.sql("UPDATE host_agent_status SET primary_agent_id = NULL, lease_until = NULL WHERE primary_agent_id = ?")
                .param(agentId).update();
    }

    /**
     * Records the primary's report in one write: its lease runs to {@code leaseUntil}, the host is heard from
     * (Connected again) and, when given, its facts. False when {@code agentId} is not the host's primary (any
     * more): another agent took the host over meanwhile.
     */
    boolean heard(UUID hostId, UUID agentId, Instant now, Instant leaseUntil, InventoryReport.HostFacts facts) {
        if (facts == null) {
            return jdbc.sql("""
                    UPDATE host_agent_status SET lease_until = ?, last_report_at = ?, connection = 'Connected'
                    WHERE host_id = ? AND primary_agent_id = ?""")
                    .params(ts(leaseUntil), ts(now), hostId, agentId).update() == 1;
        }
        return jdbc.sql("""
                UPDATE host_agent_status SET lease_until = ?, last_report_at = ?, connection = 'Connected', cpu_count = ?,
                       memory_mib = ?, hypervisor = ?, hypervisor_version = ?, driver = ?, agent_version = ?
                WHERE host_id = ? AND primary_agent_id = ?""")
                .params(ts(leaseUntil), ts(now), facts.cpuCount(), facts.memoryMiB(), facts.hypervisor(),
                        facts.hypervisorVersion(), facts.driver(), facts.agentVersion(), hostId, agentId)
                .update() == 1;
    }

    /**
     * The hosts whose primary is one of {@code agents} were heard from now: their lease runs until
     * {@code leaseUntil} and they are Connected. A row that is Connected, with its lease running past
     * {@code renewBefore} and its last report after {@code freshAfter} (a report or the last round renewed it),
     * is left as it is. Returns how many were written.
     */
    int heardFromPrimaries(Collection<UUID> agents, Instant now, Instant leaseUntil, Instant renewBefore,
            Instant freshAfter) {
        return jdbc.sql("""
                UPDATE host_agent_status SET lease_until = :lease, last_report_at = :now, connection = 'Connected'
                WHERE primary_agent_id IN (:agents)
                  AND (lease_until IS NULL OR lease_until < :renewBefore OR last_report_at IS NULL
                       OR last_report_at < :freshAfter OR connection <> 'Connected')""")
                .param("lease", ts(leaseUntil)).param("now", ts(now)).param("agents", agents)
                .param("renewBefore", ts(renewBefore)).param("freshAfter", ts(freshAfter)).update();
    }

    /** Hosts heard from before {@code silentSince} become Disconnected; returns them. */
    List<UUID> disconnectSilent(Instant silentSince) {
        List<UUID> silent = jdbc.sql("""
                SELECT host_id FROM host_agent_status
                WHERE connection = 'Connected' AND last_report_at IS NOT NULL AND last_report_at < ?""")
                .param(ts(silentSince)).query(UUID.class).list();
        silent.forEach(host -> jdbc.sql("""
                UPDATE host_agent_status SET connection = 'Disconnected'
                WHERE host_id = ? AND connection = 'Connected' AND last_report_at < ?""")
                .params(host, ts(silentSince)).update());
        return silent;
    }

    /**
     * Makes the host's unmanaged machines {@code unmanaged}, writing only what differs: machines gone are
     * deleted, new ones inserted, changed ones updated. An unchanged machine's {@code last_seen_at} is
     * written again only once it is older than {@code refreshBefore}, so an unchanged inventory writes nothing.
     */
    void replaceUnmanaged(UUID hostId, List<InventoryReport.SeenMachine> unmanaged, Instant now, Instant refreshBefore) {
        Map<UUID, UnmanagedMachine> stored = new HashMap<>();
        unmanaged(hostId).forEach(machine -> stored.put(machine.hypervisorId(), machine));
        Set<UUID> keep = new HashSet<>();
        for (InventoryReport.SeenMachine seen : unmanaged) {
            if (!keep.add(seen.id())) {
                continue; // the same machine twice in one report: the first counts
            }
            var known = stored.get(seen.id());
            if (known == null) {
                jdbc.sql("""
                        INSERT INTO unmanaged_machines (host_id, hypervisor_id, name, power_state, cpu, memory_mib,
                                                        first_seen_at, last_seen_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(hostId, seen.id(), seen.name(), seen.powerState(), seen.cpu(), seen.memoryMiB(), ts(now),
                                ts(now))
                        .update();
            } else if (!Objects.equals(known.name(), seen.name())
                    || !Objects.equals(known.powerState(), seen.powerState()) || known.cpu() != seen.cpu()
                    || known.memoryMiB() != seen.memoryMiB() || known.lastSeenAt() == null
                    || known.lastSeenAt().isBefore(refreshBefore)) {
                jdbc.sql("""
                        UPDATE unmanaged_machines SET name = ?, power_state = ?, cpu = ?, memory_mib = ?, last_seen_at = ?
                        WHERE host_id = ? AND hypervisor_id = ?""")
                        .params(seen.name(), seen.powerState(), seen.cpu(), seen.memoryMiB(), ts(now), hostId, seen.id())
                        .update();
            }
        }
        for (UUID gone : stored.keySet()) {
            if (!keep.contains(gone)) {
                jdbc.sql("DELETE FROM unmanaged_machines WHERE host_id = ? AND hypervisor_id = ?").params(hostId, gone)
                        .update();
            }
        }
    }

    List<UnmanagedMachine> unmanaged(UUID hostId) {
        return jdbc.sql("SELECT * FROM unmanaged_machines WHERE host_id = ? ORDER BY name, hypervisor_id").param(hostId)
                .query((rs, row) -> new UnmanagedMachine(
                        uuid(rs, "hypervisor_id"), rs.getString("name"), rs.getString("power_state"), rs.getInt("cpu"),
                        rs.getLong("memory_mib"), instant(rs, "first_seen_at"), instant(rs, "last_seen_at")))
                .list();
    }

    private HostStatus map(ResultSet rs, int row) throws SQLException {
        String hypervisor = rs.getString("hypervisor");
        var facts = hypervisor == null ? null : new InventoryReport.HostFacts(rs.getInt("cpu_count"),
                rs.getLong("memory_mib"), hypervisor, rs.getString("hypervisor_version"), rs.getString("driver"),
                rs.getString("agent_version"));
        return new HostStatus(uuid(rs, "host_id"), uuid(rs, "primary_agent_id"), rs.getLong("epoch"),
                instant(rs, "lease_until"), instant(rs, "last_report_at"), rs.getString("connection"), facts);
    }
}
