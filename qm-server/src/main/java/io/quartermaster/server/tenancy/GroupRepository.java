package io.quartermaster.server.tenancy;

import static io.quartermaster.server.platform.db.Sql.instant;
import static io.quartermaster.server.platform.db.Sql.ts;
import static io.quartermaster.server.platform.db.Sql.uuid;

import io.quartermaster.api.tenancy.PlacementPolicy;
import io.quartermaster.server.access.Visibility;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class GroupRepository {

    private static final String SELECT = """
            SELECT g.*, (SELECT COUNT(*) FROM memberships m WHERE m.group_id = g.id) AS member_count
            FROM business_groups g""";

    private final JdbcClient jdbc;

    GroupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Group group) {
        jdbc.sql("""
                INSERT INTO business_groups (id, tenant_id, name, description, placement_policy, forbidden_actions,
                                             created_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(group.id(), group.tenantId(), group.name(), group.description(), group.placementPolicy().name(),
                        actions(group.forbiddenActions()), ts(group.createdAt()))
                .update();
    }

    Optional<Group> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE g.id = ?").param(id).query(GroupRepository::map).optional();
    }

    /** The group without its member count: for hot paths such as placement. */
    Optional<GroupDirectory.GroupInfo> info(UUID id) {
        return jdbc.sql("SELECT id, tenant_id, name, placement_policy, forbidden_actions FROM business_groups WHERE id = ?")
                .param(id)
                .query((rs, row) -> new GroupDirectory.GroupInfo(uuid(rs, "id"), uuid(rs, "tenant_id"), rs.getString("name"),
                        PlacementPolicy.valueOf(rs.getString("placement_policy")), actions(rs.getString("forbidden_actions"))))
                .optional();
    }

    Optional<Group> findByName(UUID tenantId, String name) {
        return jdbc.sql(SELECT + " WHERE g.tenant_id = ? AND g.name = ?").params(tenantId, name)
                .query(GroupRepository::map).optional();
    }

    /** The visible groups, optionally of one tenant only. */
    List<Group> page(Visibility visible, UUID tenantFilter, long offset, int limit) {
        var where = where(visible, tenantFilter);
        return jdbc.sql(SELECT + where.sql() + " ORDER BY g.name, g.id LIMIT :limit OFFSET :offset")
                .params(where.params()).param("limit", limit).param("offset", offset)
                .query(GroupRepository::map).list();
    }

    long count(Visibility visible, UUID tenantFilter) {
        var where = where(visible, tenantFilter);
        return jdbc.sql("SELECT COUNT(*) FROM business_groups g" + where.sql()).params(where.params())
                .query(Long.class).single();
    }

    long countInTenant(UUID tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM business_groups WHERE tenant_id = ?").param(tenantId)
                .query(Long.class).single();
    }

    boolean update(UUID id, String name, String description, PlacementPolicy policy, List<String> forbiddenActions,
            long expectedVersion) {
        return jdbc.sql("""
                UPDATE business_groups SET name = ?, description = ?, placement_policy = ?, forbidden_actions = ?,
                       version = version + 1
                WHERE id = ? AND version = ?""")
                .params(name, description, policy.name(), actions(forbiddenActions), id, expectedVersion).update() == 1;
    }

    boolean delete(UUID id, long expectedVersion) {
        return jdbc.sql("DELETE FROM business_groups WHERE id = ? AND version = ?").params(id, expectedVersion)
                .update() == 1;
    }

    private record Where(String sql, java.util.Map<String, Object> params) {}

    private static Where where(Visibility visible, UUID tenantFilter) {
        var params = new java.util.HashMap<String, Object>();
        var conditions = new java.util.ArrayList<String>();
        String visibility = visible.sql("g.tenant_id", "g.id IN (:visibleGroups)", params);
        if (visibility != null) {
            conditions.add(visibility);
        }
        if (tenantFilter != null) {
            conditions.add("g.tenant_id = :tenantFilter");
            params.put("tenantFilter", tenantFilter);
        }
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
    }

    private static Group map(ResultSet rs, int row) throws SQLException {
        return new Group(uuid(rs, "id"), uuid(rs, "tenant_id"), rs.getString("name"), rs.getString("description"),
                PlacementPolicy.valueOf(rs.getString("placement_policy")), actions(rs.getString("forbidden_actions")),
                rs.getInt("member_count"),
                instant(rs, "created_at"), rs.getLong("version"));
    }

    /** Stored as one space-separated column: a handful of short keys, always read with the group. */
    private static String actions(List<String> keys) {
        return String.join(" ", keys);
    }

    static List<String> actions(String stored) {
        return stored == null || stored.isBlank() ? List.of() : List.of(stored.strip().split(" +"));
    }
}
