package io.quartermaster.server.audit;

import static io.quartermaster.server.platform.db.Sql.instant;
import static io.quartermaster.server.platform.db.Sql.ts;
import static io.quartermaster.server.platform.db.Sql.uuid;

import io.quartermaster.api.audit.AuditEventView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AuditRepository {

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(AuditEvent event) {
        jdbc.sql("""
                INSERT INTO audit_events (at, request_id, actor_id, actor, actor_role, tenant_id, group_id, action,
                                          target_type, target_id, outcome, details)
                VALUES (:at, :requestId, :actorId, :actor, :actorRole, :tenantId, :groupId, :action,
                        :targetType, :targetId, :outcome, :details)""")
                .param("at", ts(event.at()))
                .param("requestId", event.requestId())
                .param("actorId", event.actorId())
                .param("actor", event.actor())
                .param("actorRole", event.actorRole())
                .param("tenantId", event.tenantId())
                .param("groupId", event.groupId())
                .param("action", event.action())
                .param("targetType", event.targetType())
                .param("targetId", event.targetId())
                .param("outcome", event.outcome())
                .param("details", event.details())
                .update();
    }

    List<AuditEventView> find(AuditQuery query, long offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(query, params);
        params.put("offset", offset);
        params.put("limit", limit);
        return jdbc.sql("SELECT * FROM audit_events" + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .query(AuditRepository::view)
                .list();
    }

    long count(AuditQuery query) {
        Map<String, Object> params = new HashMap<>();
        String where = where(query, params);
        return jdbc.sql("SELECT COUNT(*) FROM audit_events" + where).params(params).query(Long.class).single();
    }

    private static String where(AuditQuery query, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        add(conditions, params, "requestId", "request_id = :requestId", query.requestId());
        add(conditions, params, "actor", "actor = :actor", query.actor());
        add(conditions, params, "action", "action = :action", query.action());
        add(conditions, params, "targetType", "target_type = :targetType", query.targetType());
        add(conditions, params, "targetId", "target_id = :targetId", query.targetId());
        add(conditions, params, "outcome", "outcome = :outcome", query.outcome());
        add(conditions, params, "tenantId", "tenant_id = :tenantId", query.tenantId());
        add(conditions, params, "groupId", "group_id = :groupId", query.groupId());
        add(conditions, params, "since", "at >= :since", ts(query.since()));
        add(conditions, params, "until", "at < :until", ts(query.until()));
        String visible = query.visible().sql("tenant_id", "group_id IN (:visibleGroups)", params);
        if (visible != null) {
            conditions.add(visible);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static void add(List<String> conditions, Map<String, Object> params, String name, String sql, Object value) {
        if (value != null) {
            conditions.add(sql);
            params.put(name, value);
        }
    }

    private static AuditEventView view(ResultSet rs, int row) throws SQLException {
        return new AuditEventView(rs.getLong("id"), instant(rs, "at"), rs.getString("request_id"),
                uuid(rs, "actor_id"), rs.getString("actor"), rs.getString("actor_role"), uuid(rs, "tenant_id"),
                uuid(rs, "group_id"), rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
                rs.getString("outcome"), rs.getString("details"));
    }
}
