package io.quartermaster.server.tenancy;

import static io.quartermaster.server.platform.db.Sql.instant;
import static io.quartermaster.server.platform.db.Sql.ts;
import static io.quartermaster.server.platform.db.Sql.uuid;

import io.quartermaster.api.tenancy.CurrentUserView;
import io.quartermaster.api.tenancy.GroupRole;
import io.quartermaster.api.tenancy.MemberView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MembershipRepository {

    /** One membership with the group's tenant, which is what a grant needs. */
    record GroupGrantRow(UUID groupId, UUID tenantId, GroupRole role) {}

    private final JdbcClient jdbc;

    MembershipRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<GroupRole> roleOf(UUID groupId, UUID userId) {
        return jdbc.sql("SELECT role FROM memberships WHERE group_id = ? AND user_id = ?").params(groupId, userId)
                .query((rs, row) -> GroupRole.valueOf(rs.getString("role"))).optional();
    }

    List<UUID> adminIds(UUID groupId) {
        return jdbc.sql("""
                SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.group_id = ? AND m.role = 'GROUP_ADMIN' ORDER BY u.username""")
                .param(groupId).query(UUID.class).list();
    }

    void insert(UUID groupId, UUID userId, GroupRole role, Instant at) {
        jdbc.sql("INSERT INTO memberships (group_id, user_id, role, added_at) VALUES (?, ?, ?, ?)")
                .params(groupId, userId, role.name(), ts(at)).update();
    }

    void changeRole(UUID groupId, UUID userId, GroupRole role) {
        jdbc.sql("UPDATE memberships SET role = ? WHERE group_id = ? AND user_id = ?")
                .params(role.name(), groupId, userId).update();
    }

    boolean delete(UUID groupId, UUID userId) {
        return jdbc.sql("DELETE FROM memberships WHERE group_id = ? AND user_id = ?").params(groupId, userId)
                .update() == 1;
    }

    private static final String SELECT_MEMBERS = """
            SELECT m.group_id, m.user_id, u.username, u.display_name, m.role, m.added_at
            FROM memberships m JOIN users u ON u.id = m.user_id""";

    List<MemberView> members(UUID groupId, long offset, int limit) {
        return jdbc.sql(SELECT_MEMBERS + " WHERE m.group_id = ? ORDER BY u.username LIMIT ? OFFSET ?")
                .params(groupId, limit, offset).query(MembershipRepository::member).list();
    }

    Optional<MemberView> member(UUID groupId, UUID userId) {
        return jdbc.sql(SELECT_MEMBERS + " WHERE m.group_id = ? AND m.user_id = ?")
                .params(groupId, userId).query(MembershipRepository::member).optional();
    }

    private static MemberView member(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new MemberView(uuid(rs, "group_id"), uuid(rs, "user_id"), rs.getString("username"),
                rs.getString("display_name"), GroupRole.valueOf(rs.getString("role")), instant(rs, "added_at"));
    }

    long countMembers(UUID groupId) {
        return jdbc.sql("SELECT COUNT(*) FROM memberships WHERE group_id = ?").param(groupId).query(Long.class).single();
    }

    List<GroupGrantRow> grantsOf(UUID userId) {
        return jdbc.sql("""
                SELECT m.group_id, g.tenant_id, m.role
                FROM memberships m JOIN business_groups g ON g.id = m.group_id
                WHERE m.user_id = ?""")
                .param(userId)
                .query((rs, row) -> new GroupGrantRow(uuid(rs, "group_id"), uuid(rs, "tenant_id"),
                        GroupRole.valueOf(rs.getString("role"))))
                .list();
    }

    List<CurrentUserView.Membership> membershipsOf(UUID userId) {
        return jdbc.sql("""
                SELECT m.group_id, g.name, m.role
                FROM memberships m JOIN business_groups g ON g.id = m.group_id
                WHERE m.user_id = ? ORDER BY g.name""")
                .param(userId)
                .query((rs, row) -> new CurrentUserView.Membership(uuid(rs, "group_id"), rs.getString("name"),
                        GroupRole.valueOf(rs.getString("role"))))
                .list();
    }
}
