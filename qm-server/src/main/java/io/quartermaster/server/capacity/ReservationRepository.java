package io.quartermaster.server.capacity;

import static io.quartermaster.server.platform.db.Sql.instant;
import static io.quartermaster.server.platform.db.Sql.ts;
import static io.quartermaster.server.platform.db.Sql.uuid;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.server.access.Visibility;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ReservationRepository {

    private static final String SELECT = "SELECT r.*, h.name AS host_name FROM reservations r JOIN hosts h ON h.id = r.host_id";

    private final JdbcClient jdbc;

    ReservationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Reservation r) {
        jdbc.sql("""
                INSERT INTO reservations (id, tenant_id, host_id, group_id, name, cpu, memory_mib, disk_gib, max_machines,
                                          priority, overcommit_ratio, preemptible, warning_percent, critical_percent,
                                          created_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(r.id(), r.tenantId(), r.hostId(), r.groupId(), r.name(), r.size().cpu(), r.size().memoryMiB(),
                        r.size().diskGiB(), r.maxMachines(), r.priority(), r.overcommitRatio(), r.preemptible(),
                        r.warningPercent(), r.criticalPercent(), ts(r.createdAt()))
                .update();
    }

    Optional<Reservation> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE r.id = ?").param(id).query(ReservationRepository::map).optional();
    }

    /** Reads the reservation and locks its row until the transaction ends. */
    Optional<Reservation> lock(UUID id) {
        jdbc.sql("SELECT id FROM reservations WHERE id = ? FOR UPDATE").param(id).query(UUID.class).optional();
        return find(id);
    }

    boolean exists(UUID hostId, UUID groupId) {
        return jdbc.sql("SELECT COUNT(*) FROM reservations WHERE host_id = ? AND group_id = ?").params(hostId, groupId)
                .query(Long.class).single() > 0;
    }

    boolean nameTaken(UUID tenantId, String name) {
        return jdbc.sql("SELECT COUNT(*) FROM reservations WHERE tenant_id = ? AND name = ?").params(tenantId, name)
                .query(Long.class).single() > 0;
    }

    long countOnHost(UUID hostId) {
        return jdbc.sql("SELECT COUNT(*) FROM reservations WHERE host_id = ?").param(hostId).query(Long.class).single();
    }

    /** The filter of a listing: what the caller may see, and optionally one host or group. */
    record Filter(Visibility visible, UUID hostId, UUID groupId) {}

    List<Reservation> page(Filter filter, long offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(filter, params);
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql(SELECT + where + " ORDER BY r.priority, r.name, r.id LIMIT :limit OFFSET :offset").params(params)
                .query(ReservationRepository::map).list();
    }

    long count(Filter filter) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM reservations r" + where(filter, params)).params(params)
                .query(Long.class).single();
    }

    /** The reservations of a group on enabled hosts of one hypervisor type: placement's candidates. */
    List<Reservation> candidates(UUID groupId, String hypervisorType) {
        return jdbc.sql(SELECT + " WHERE r.group_id = ? AND h.state = 'ENABLED' AND h.hypervisor_type = ?")
                .params(groupId, hypervisorType).query(ReservationRepository::map).list();
    }

    /** Every reservation of a group, whatever its host's state (for explaining a refusal). */
    List<Reservation> ofGroup(UUID groupId) {
        return jdbc.sql(SELECT + " WHERE r.group_id = ?").param(groupId).query(ReservationRepository::map).list();
    }

    boolean update(Reservation r, long expectedVersion) {
        return jdbc.sql("""
                UPDATE reservations SET name = ?, cpu = ?, memory_mib = ?, disk_gib = ?, max_machines = ?, priority = ?,
                                        overcommit_ratio = ?, preemptible = ?, warning_percent = ?, critical_percent = ?,
                                        version = version + 1
                WHERE id = ? AND version = ?""")
                .params(r.name(), r.size().cpu(), r.size().memoryMiB(), r.size().diskGiB(), r.maxMachines(), r.priority(),
                        r.overcommitRatio(), r.preemptible(), r.warningPercent(), r.criticalPercent(), r.id(),
                        expectedVersion)
                .update() == 1;
    }

    boolean delete(UUID id, long expectedVersion) {
        return jdbc.sql("DELETE FROM reservations WHERE id = ? AND version = ? AND claimed_machines = 0")
                .params(id, expectedVersion).update() == 1;
    }

    private static String where(Filter filter, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        String visible = filter.visible().sql("r.tenant_id", "r.group_id IN (:visibleGroups)", params);
        if (visible != null) {
            conditions.add(visible);
        }
        if (filter.hostId() != null) {
            conditions.add("r.host_id = :hostId");
            params.put("hostId", filter.hostId());
        }
        if (filter.groupId() != null) {
            conditions.add("r.group_id = :groupId");
            params.put("groupId", filter.groupId());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    static Reservation map(ResultSet rs, int row) throws SQLException {
        return new Reservation(uuid(rs, "id"), uuid(rs, "tenant_id"), uuid(rs, "host_id"), rs.getString("host_name"),
                uuid(rs, "group_id"), rs.getString("name"),
                new Amounts(rs.getLong("cpu"), rs.getLong("memory_mib"), rs.getLong("disk_gib")),
                rs.getInt("max_machines"), rs.getInt("priority"), rs.getBigDecimal("overcommit_ratio").stripTrailingZeros(),
                rs.getBoolean("preemptible"), rs.getInt("warning_percent"), rs.getInt("critical_percent"),
                new Amounts(rs.getLong("claimed_cpu"), rs.getLong("claimed_memory_mib"), rs.getLong("claimed_disk_gib")),
                rs.getInt("claimed_machines"), instant(rs, "created_at"), rs.getLong("version"));
    }
}
