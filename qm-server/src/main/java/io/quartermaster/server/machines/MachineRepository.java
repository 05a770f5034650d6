package io.quartermaster.server.machines;

import static io.quartermaster.server.platform.db.Sql.instant;
import static io.quartermaster.server.platform.db.Sql.ts;
import static io.quartermaster.server.platform.db.Sql.uuid;

import io.quartermaster.api.machines.MachineState;
import io.quartermaster.api.machines.PowerState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The machines table. Writes bump {@code version}; readers that act on a machine lock its row first. */
@Repository
class MachineRepository {

    private static final TypeReference<Map<String, String>> PROPERTIES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    MachineRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Machine m) {
        jdbc.sql("""
                INSERT INTO machines (id, request_id, tenant_id, group_id, template_id, template_name, owner_id, state,
                                      power_state, claim_id, host_id, spec, cpu, memory_mib, disk_gib, properties,
                                      lease_days, tombstone_days, created_at, updated_at, image_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Off', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(m.id(), m.requestId(), m.tenantId(), m.groupId(), m.templateId(), m.templateName(), m.ownerId(),
                        m.state().name(), m.claimId(), m.hostId(), json.writeValueAsString(m.spec()), m.spec().cpu(),
                        m.spec().memoryMiB(), m.spec().diskGiB(), json.writeValueAsString(m.properties()), m.leaseDays(),
                        m.tombstoneDays(), ts(m.createdAt()), ts(m.createdAt()),
                        m.spec().image() == null ? null : m.spec().image().id())
                .update();
    }

    Optional<Machine> find(UUID id) {
        return jdbc.sql("SELECT * FROM machines WHERE id = ?").param(id).query(this::map).optional();
    }

    /** Reads the machine with its row locked until the transaction ends. */
    Optional<Machine> lock(UUID id) {
        return jdbc.sql("SELECT * FROM machines WHERE id = ? FOR UPDATE").param(id).query(this::map).optional();
    }

    List<Machine> ofRequest(UUID requestId) {
        return jdbc.sql("SELECT * FROM machines WHERE request_id = ? ORDER BY created_at, id").param(requestId)
                .query(this::map).list();
    }

    /** Machines of an owner and template that still count against the template's per-user limit. */
    long countLiveOf(UUID ownerId, UUID templateId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM machines WHERE owner_id = ? AND template_id = ?
                AND state NOT IN ('Rejected', 'Failed', 'Disposed')""")
                .params(ownerId, templateId).query(Long.class).single();
    }

    /** Machines built from the image that are not gone (disposed, rejected or failed). */
    long countLiveFromImage(UUID imageId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM machines WHERE image_id = ? AND state NOT IN ('Rejected', 'Failed', 'Disposed')""")
                .param(imageId).query(Long.class).single();
    }

    /** Sets columns by name; the caller passes only columns of this table (never user input as names). */
    void update(UUID id, Map<String, Object> columns, Instant now) {
        StringBuilder sql = new StringBuilder("UPDATE machines SET version = version + 1, updated_at = :updatedAt");
        columns.keySet().forEach(column -> sql.append(", ").append(column).append(" = :").append(column));
        var statement = jdbc.sql(sql.append(" WHERE id = :id").toString()).param("updatedAt", ts(now)).param("id", id);
        for (var column : columns.entrySet()) {
            Object value = column.getValue();
            statement = statement.param(column.getKey(), value instanceof Instant at ? ts(at)
                    : value instanceof Enum<?> e ? e.name() : value);
        }
        statement.update();
    }

    Machine map(ResultSet rs, int row) throws SQLException {
        int leaseDays = rs.getInt("lease_days");
        Integer lease = rs.wasNull() ? null : leaseDays;
        int reminder = rs.getInt("reminder_days_before");
        Integer reminderDays = rs.wasNull() ? null : reminder;
        return new Machine(uuid(rs, "id"), uuid(rs, "request_id"), uuid(rs, "tenant_id"), uuid(rs, "group_id"),
                uuid(rs, "template_id"), rs.getString("template_name"), uuid(rs, "owner_id"), rs.getString("name"),
                MachineState.valueOf(rs.getString("state")), PowerState.valueOf(rs.getString("power_state")),
                uuid(rs, "claim_id"), uuid(rs, "host_id"), json.readValue(rs.getString("spec"), MachineSpec.class),
                json.readValue(rs.getString("properties"), PROPERTIES), lease, rs.getInt("tombstone_days"),
                instant(rs, "provisioned_at"), instant(rs, "lease_expires_at"), reminderDays,
                instant(rs, "reminder_sent_at"), instant(rs, "expired_at"), instant(rs, "tombstone_ends_at"),
                instant(rs, "destroy_warning_sent_at"), instant(rs, "disposed_at"), rs.getString("current_step"),
                rs.getString("failure_step"), rs.getString("failure_reason"), rs.getString("failure_message"),
                instant(rs, "failed_at"), rs.getString("process_instance_id"), instant(rs, "created_at"),
                rs.getLong("version"));
    }
}
