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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Requests as they were made; their machines and approval carry what happened since. */
@Repository
class RequestRepository {

    record StoredRequest(UUID id, UUID tenantId, UUID groupId, UUID templateId, UUID requesterId, int count,
            Map<String, String> properties, String reason, boolean approvalRequired, Instant createdAt) {}

    private static final TypeReference<Map<String, String>> PROPERTIES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    RequestRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(StoredRequest r) {
        jdbc.sql("""
                INSERT INTO machine_requests (id, tenant_id, group_id, template_id, requester_id, machine_count, properties,
                                              reason, approval_required, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.tenantId(), r.groupId(), r.templateId(), r.requesterId(), r.count(),
                        json.writeValueAsString(r.properties()), r.reason(), r.approvalRequired(), ts(r.createdAt()))
                .update();
    }

    Optional<StoredRequest> find(UUID id) {
        return jdbc.sql("SELECT * FROM machine_requests WHERE id = ?").param(id).query(this::map).optional();
    }

    List<StoredRequest> list(String where, Map<String, Object> params, int offset, int size) {
        return jdbc.sql("SELECT * FROM machine_requests r WHERE " + where
                        + " ORDER BY r.created_at DESC, r.id OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY")
                .params(params).param("offset", offset).param("size", size).query(this::map).list();
    }

    long count(String where, Map<String, Object> params) {
        return jdbc.sql("SELECT COUNT(*) FROM machine_requests r WHERE " + where).params(params).query(Long.class)
                .single();
    }

    private StoredRequest map(ResultSet rs, int row) throws SQLException {
        return new StoredRequest(uuid(rs, "id"), uuid(rs, "tenant_id"), uuid(rs, "group_id"), uuid(rs, "template_id"),
                uuid(rs, "requester_id"), rs.getInt("machine_count"), json.readValue(rs.getString("properties"), PROPERTIES),
                rs.getString("reason"), rs.getBoolean("approval_required"), instant(rs, "created_at"));
    }
}
