package io.quartermaster.server.machines;

import static io.quartermaster.server.platform.db.Sql.instant;
import static io.quartermaster.server.platform.db.Sql.ts;
import static io.quartermaster.server.platform.db.Sql.uuid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Approvals: one per request that needs one, one per lease extension beyond policy. */
@Repository
class ApprovalRepository {

    static final String REQUEST = "Request";
    static final String LEASE_EXTENSION = "LeaseExtension";
    static final String PENDING = "Pending";

    record Approval(UUID id, String kind, UUID requestId, UUID machineId, UUID tenantId, UUID groupId, UUID requesterId,
            Integer extensionDays, String reason, String state, Instant createdAt, Instant expiresAt, String decidedBy,
            Instant decidedAt, String decisionReason, long version) {}

    private final JdbcClient jdbc;

    ApprovalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Approval a) {
        jdbc.sql("""
                INSERT INTO approvals (id, kind, request_id, machine_id, tenant_id, group_id, requester_id, extension_days,
                                       reason, state, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.id(), a.kind(), a.requestId(), a.machineId(), a.tenantId(), a.groupId(), a.requesterId(),
                        a.extensionDays(), a.reason(), a.state(), ts(a.createdAt()), ts(a.expiresAt()))
                .update();
    }

    Optional<Approval> find(UUID id) {
        return jdbc.sql("SELECT * FROM approvals WHERE id = ?").param(id).query(this::map).optional();
    }

    /** The approval of the request a machine belongs to. */
    Optional<Approval> ofMachineRequest(UUID machineId) {
        return jdbc.sql("""
                SELECT a.* FROM approvals a JOIN machines m ON m.request_id = a.request_id
                WHERE m.id = ? AND a.kind = 'Request'""").param(machineId).query(this::map).optional();
    }

    Optional<Approval> pendingExtension(UUID machineId) {
        return jdbc.sql("SELECT * FROM approvals WHERE machine_id = ? AND kind = 'LeaseExtension' AND state = 'Pending'")
                .param(machineId).query(this::map).optional();
    }

    /** Decides a pending approval; false when it was no longer pending (decided or expired meanwhile). */
    boolean decide(UUID id, String state, String decidedBy, Instant at, String reason) {
        return jdbc.sql("""
                UPDATE approvals SET state = ?, decided_by = ?, decided_at = ?, decision_reason = ?, version = version + 1
                WHERE id = ? AND state = 'Pending'""")
                .params(state, decidedBy, ts(at), reason, id).update() == 1;
    }

    List<Approval> list(String where, Map<String, Object> params, int offset, int size) {
        return jdbc.sql("SELECT * FROM approvals a WHERE " + where
                        + " ORDER BY a.created_at DESC, a.id OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY")
                .params(params).param("offset", offset).param("size", size).query(this::map).list();
    }

    long count(String where, Map<String, Object> params) {
        return jdbc.sql("SELECT COUNT(*) FROM approvals a WHERE " + where).params(params).query(Long.class).single();
    }

    private Approval map(ResultSet rs, int row) throws SQLException {
        int days = rs.getInt("extension_days");
        Integer extensionDays = rs.wasNull() ? null : days;
        return new Approval(uuid(rs, "id"), rs.getString("kind"), uuid(rs, "request_id"), uuid(rs, "machine_id"),
                uuid(rs, "tenant_id"), uuid(rs, "group_id"), uuid(rs, "requester_id"), extensionDays,
                rs.getString("reason"), rs.getString("state"), instant(rs, "created_at"), instant(rs, "expires_at"),
                rs.getString("decided_by"), instant(rs, "decided_at"), rs.getString("decision_reason"),
                rs.getLong("version"));
    }
}
