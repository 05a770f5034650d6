package io.quartermaster.server.capacity;

import static io.quartermaster.server.platform.db.Sql.instant;
import static io.quartermaster.server.platform.db.Sql.ts;
import static io.quartermaster.server.platform.db.Sql.uuid;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.capacity.ClaimView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The claims table and the counters it moves on reservations. Taking capacity is one conditional
 * UPDATE of the reservation row ("add this if it still fits"): concurrent claims on one reservation
 * serialize on that row, on one node or many, and the row's CHECK constraint refuses anything that
 * would exceed it even if a caller got the condition wrong. Each method must run in the caller's
 * transaction, together with the claim row it writes.
 */
@Repository
class ClaimLedger {

    private final JdbcClient jdbc;

    ClaimLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes {@code need} and one machine slot from the reservation if its host is enabled and it still fits. */
    boolean take(UUID reservationId, Amounts need) {
        return jdbc.sql("""
                UPDATE reservations
                SET claimed_cpu = claimed_cpu + :cpu, claimed_memory_mib = claimed_memory_mib + :memory,
                    claimed_disk_gib = claimed_disk_gib + :disk, claimed_machines = claimed_machines + 1
                WHERE id = :id
                  AND claimed_cpu + :cpu <= cpu * overcommit_ratio
                  AND claimed_memory_mib + :memory <= memory_mib * overcommit_ratio
                  AND claimed_disk_gib + :disk <= disk_gib
                  AND claimed_machines + 1 <= max_machines
                  AND EXISTS (SELECT 1 FROM hosts h WHERE h.id = reservations.host_id AND h.state = 'ENABLED')""")
                .param("cpu", need.cpu()).param("memory", need.memoryMiB()).param("disk", need.diskGiB())
                .param("id", reservationId)
                .update() == 1;
    }

    /** Locks every reservation of the group, in the order of their ids (see {@link CapacityService#holdReservationsOf}). */
    void lockReservationsOf(UUID groupId) {
        jdbc.sql("SELECT id FROM reservations WHERE group_id = :group ORDER BY id FOR UPDATE")
                .param("group", groupId).query(UUID.class).list();
    }

    /** Takes cpu and memory again (a machine powering on) if they still fit. */
    boolean takeCompute(UUID reservationId, long cpu, long memoryMiB) {
        return jdbc.sql("""
                UPDATE reservations SET claimed_cpu = claimed_cpu + :cpu, claimed_memory_mib = claimed_memory_mib + :memory
                WHERE id = :id
                  AND claimed_cpu + :cpu <= cpu * overcommit_ratio
                  AND claimed_memory_mib + :memory <= memory_mib * overcommit_ratio""")
                .param("cpu", cpu).param("memory", memoryMiB).param("id", reservationId)
                .update() == 1;
    }

    /** Gives back amounts (and optionally the machine slot) to the reservation. */
    void giveBack(UUID reservationId, Amounts amounts, boolean machineSlot) {
        jdbc.sql("""
                UPDATE reservations
                SET claimed_cpu = claimed_cpu - :cpu, claimed_memory_mib = claimed_memory_mib - :memory,
                    claimed_disk_gib = claimed_disk_gib - :disk, claimed_machines = claimed_machines - :slot
                WHERE id = :id""")
                .param("cpu", amounts.cpu()).param("memory", amounts.memoryMiB()).param("disk", amounts.diskGiB())
                .param("slot", machineSlot ? 1 : 0).param("id", reservationId)
                .update();
    }

    void insert(ClaimView claim, UUID tenantId) {
        jdbc.sql("""
                INSERT INTO claims (id, reservation_id, tenant_id, group_id, host_id, template_id, owner_id, holder, reason,
                                    cpu, memory_mib, disk_gib, compute_held, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?)""")
                .params(claim.id(), claim.reservationId(), tenantId, claim.groupId(), claim.hostId(), claim.templateId(),
                        claim.ownerId(), claim.holder(), claim.reason(), claim.cpu(), claim.memoryMiB(), claim.diskGiB(),
                        ts(claim.createdAt()))
                .update();
    }

    Optional<ClaimView> find(UUID id) {
        return jdbc.sql("SELECT * FROM claims WHERE id = ?").param(id).query(ClaimLedger::map).optional();
    }

    /** Reads a claim and locks its row, so two releases of one claim cannot both give capacity back. */
    Optional<ClaimView> lock(UUID id) {
        return jdbc.sql("SELECT * FROM claims WHERE id = ? FOR UPDATE").param(id).query(ClaimLedger::map).optional();
    }

    void markCompute(UUID id, boolean held, Instant at) {
        jdbc.sql("UPDATE claims SET compute_held = ?, compute_released_at = ? WHERE id = ?")
                .params(held, held ? null : ts(at), id).update();
    }

    void markReleased(UUID id, Instant at) {
        jdbc.sql("UPDATE claims SET compute_held = FALSE, released_at = ? WHERE id = ?").params(ts(at), id).update();
    }

    List<ClaimView> live(UUID reservationId, UUID groupId, long offset, int limit) {
        String where = reservationId != null ? "reservation_id = ?" : "group_id = ?";
        return jdbc.sql("SELECT * FROM claims WHERE " + where + " AND released_at IS NULL ORDER BY created_at, id"
                        + " LIMIT ? OFFSET ?")
                .params(reservationId != null ? reservationId : groupId, limit, offset)
                .query(ClaimLedger::map).list();
    }

    long countLive(UUID reservationId, UUID groupId) {
        String where = reservationId != null ? "reservation_id = ?" : "group_id = ?";
        return jdbc.sql("SELECT COUNT(*) FROM claims WHERE " + where + " AND released_at IS NULL")
                .param(reservationId != null ? reservationId : groupId).query(Long.class).single();
    }

    /** How many claims an owner holds for a template (per-user limits). */
    long countLiveOf(UUID ownerId, UUID templateId) {
        return jdbc.sql("SELECT COUNT(*) FROM claims WHERE owner_id = ? AND template_id = ? AND released_at IS NULL")
                .params(ownerId, templateId).query(Long.class).single();
    }

    /** Sums of the live claims of one reservation: what its counters must equal (reconciliation). */
    Amounts sumLive(UUID reservationId) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(CASE WHEN compute_held THEN cpu ELSE 0 END), 0) AS cpu,
                       COALESCE(SUM(CASE WHEN compute_held THEN memory_mib ELSE 0 END), 0) AS memory,
                       COALESCE(SUM(disk_gib), 0) AS disk
                FROM claims WHERE reservation_id = ? AND released_at IS NULL""")
                .param(reservationId)
                .query((rs, row) -> new Amounts(rs.getLong("cpu"), rs.getLong("memory"), rs.getLong("disk")))
                .single();
    }

    static ClaimView map(ResultSet rs, int row) throws SQLException {
        return new ClaimView(uuid(rs, "id"), uuid(rs, "reservation_id"), uuid(rs, "host_id"), uuid(rs, "group_id"),
                uuid(rs, "template_id"), uuid(rs, "owner_id"), rs.getString("holder"), rs.getString("reason"),
                rs.getInt("cpu"), rs.getLong("memory_mib"), rs.getLong("disk_gib"), rs.getBoolean("compute_held"),
                instant(rs, "created_at"), instant(rs, "compute_released_at"), instant(rs, "released_at"));
    }
}
