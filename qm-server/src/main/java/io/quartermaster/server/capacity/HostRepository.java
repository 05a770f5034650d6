package io.quartermaster.server.capacity;

import static io.quartermaster.server.platform.db.Sql.instant;
import static io.quartermaster.server.platform.db.Sql.ts;
import static io.quartermaster.server.platform.db.Sql.uuid;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.capacity.HostState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class HostRepository {

    private static final String SELECT = """
            SELECT h.*,
                   COALESCE((SELECT SUM(r.claimed_cpu) FROM reservations r WHERE r.host_id = h.id), 0) AS claimed_cpu,
                   COALESCE((SELECT SUM(r.claimed_memory_mib) FROM reservations r WHERE r.host_id = h.id), 0)
                       AS claimed_memory_mib,
                   COALESCE((SELECT SUM(r.claimed_disk_gib) FROM reservations r WHERE r.host_id = h.id), 0)
                       AS claimed_disk_gib
            FROM hosts h""";

    private final JdbcClient jdbc;

    HostRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Host host) {
        jdbc.sql("""
                INSERT INTO hosts (id, tenant_id, name, hypervisor_type, site, tags, total_cpu, total_memory_mib,
                                   total_disk_gib, overcommit_ratio, state, state_reason, created_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(host.id(), host.tenantId(), host.name(), host.hypervisorType(), host.site(),
                        Host.joinTags(host.tags()), host.total().cpu(), host.total().memoryMiB(), host.total().diskGiB(),
                        host.overcommitRatio(), host.state().name(), host.stateReason(), ts(host.createdAt()))
                .update();
    }

    Optional<Host> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE h.id = ?").param(id).query(HostRepository::map).optional();
    }

    /** Reads the host and locks its row until the transaction ends, so reservations on it change one at a time. */
    Optional<Host> lock(UUID id) {
        jdbc.sql("SELECT id FROM hosts WHERE id = ? FOR UPDATE").param(id).query(UUID.class).optional();
        return find(id);
    }

    Optional<Host> findByName(UUID tenantId, String name) {
        return jdbc.sql(SELECT + " WHERE h.tenant_id = ? AND h.name = ?").params(tenantId, name)
                .query(HostRepository::map).optional();
    }

    /** One tenant's hosts, or every host when {@code tenantId} is null. */
    List<Host> page(UUID tenantId, long offset, int limit) {
        return tenantId == null
                ? jdbc.sql(SELECT + " ORDER BY h.name, h.id LIMIT ? OFFSET ?").params(limit, offset)
                        .query(HostRepository::map).list()
                : jdbc.sql(SELECT + " WHERE h.tenant_id = ? ORDER BY h.name, h.id LIMIT ? OFFSET ?")
                        .params(tenantId, limit, offset).query(HostRepository::map).list();
    }

    long count(UUID tenantId) {
        return tenantId == null ? jdbc.sql("SELECT COUNT(*) FROM hosts").query(Long.class).single()
                : jdbc.sql("SELECT COUNT(*) FROM hosts WHERE tenant_id = ?").param(tenantId).query(Long.class).single();
    }

    boolean update(Host host, long expectedVersion) {
        return jdbc.sql("""
                UPDATE hosts SET name = ?, site = ?, tags = ?, total_cpu = ?, total_memory_mib = ?, total_disk_gib = ?,
                                 overcommit_ratio = ?, state = ?, state_reason = ?, version = version + 1
                WHERE id = ? AND version = ?""")
                .params(host.name(), host.site(), Host.joinTags(host.tags()), host.total().cpu(), host.total().memoryMiB(),
                        host.total().diskGiB(), host.overcommitRatio(), host.state().name(), host.stateReason(),
                        host.id(), expectedVersion)
                .update() == 1;
    }

    /**
     * Adds (or with negative amounts gives back) reserved capacity, only if the host still has room:
     * returns false and changes nothing otherwise. The table's CHECK constraint backs this up.
     */
    boolean reserve(UUID hostId, Amounts delta) {
        return jdbc.sql("""
                UPDATE hosts SET reserved_cpu = reserved_cpu + :cpu, reserved_memory_mib = reserved_memory_mib + :memory,
                                 reserved_disk_gib = reserved_disk_gib + :disk
                WHERE id = :id
                  AND reserved_cpu + :cpu <= total_cpu * overcommit_ratio
                  AND reserved_memory_mib + :memory <= total_memory_mib * overcommit_ratio
                  AND reserved_disk_gib + :disk <= total_disk_gib""")
                .param("cpu", delta.cpu()).param("memory", delta.memoryMiB()).param("disk", delta.diskGiB())
                .param("id", hostId)
                .update() == 1;
    }

    boolean delete(UUID id, long expectedVersion) {
        return jdbc.sql("DELETE FROM hosts WHERE id = ? AND version = ?").params(id, expectedVersion).update() == 1;
    }

    private static Host map(ResultSet rs, int row) throws SQLException {
        return new Host(uuid(rs, "id"), uuid(rs, "tenant_id"), rs.getString("name"), rs.getString("hypervisor_type"),
                rs.getString("site"), Host.parseTags(rs.getString("tags")),
                new Amounts(rs.getLong("total_cpu"), rs.getLong("total_memory_mib"), rs.getLong("total_disk_gib")),
                rs.getBigDecimal("overcommit_ratio").stripTrailingZeros(),
                new Amounts(rs.getLong("reserved_cpu"), rs.getLong("reserved_memory_mib"), rs.getLong("reserved_disk_gib")),
                new Amounts(rs.getLong("claimed_cpu"), rs.getLong("claimed_memory_mib"), rs.getLong("claimed_disk_gib")),
                HostState.valueOf(rs.getString("state")), rs.getString("state_reason"), instant(rs, "created_at"),
                rs.getLong("version"));
    }
}
