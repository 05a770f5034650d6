package io.quartermaster.server.catalog;

import static io.quartermaster.server.platform.db.Sql.instant;
import static io.quartermaster.server.platform.db.Sql.ts;
import static io.quartermaster.server.platform.db.Sql.uuid;

import io.quartermaster.api.catalog.ApprovalMode;
import io.quartermaster.api.catalog.ApprovalPolicy;
import io.quartermaster.api.catalog.CostProfile;
import io.quartermaster.api.catalog.CustomProperty;
import io.quartermaster.api.catalog.DiskMode;
import io.quartermaster.api.catalog.DiskSpec;
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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Templates, with their disks, custom properties and cost profile as JSON columns, and their entitlements. */
@Repository
class TemplateRepository {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    TemplateRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What the JSON columns hold at most (see the V2 migration). */
    static final int MAX_PROPERTIES_JSON = 8000;
    static final int MAX_DISKS_JSON = 4000;

    /** Refuses, naming the field, properties or disks whose JSON would not fit their column. */
    void checkFits(Template t) {
        int properties = json.writeValueAsString(t.customProperties()).length();
        if (properties > MAX_PROPERTIES_JSON) {
            throw new io.quartermaster.server.platform.errors.FieldValidationException("customProperties",
                    "take " + properties + " characters as JSON; at most " + MAX_PROPERTIES_JSON + " fit");
        }
        int disks = json.writeValueAsString(t.disks()).length();
        if (disks > MAX_DISKS_JSON) {
            throw new io.quartermaster.server.platform.errors.FieldValidationException("disks",
                    "take " + disks + " characters as JSON; at most " + MAX_DISKS_JSON + " fit");
        }
    }

    void insert(Template t) {
        checkFits(t);
        jdbc.sql("""
                INSERT INTO templates (id, tenant_id, name, description, cpu, memory_mib, disks, image_ref, hypervisor_type,
                                       lease_days, tombstone_days, approval_mode, approval_max_count,
                                       approval_max_lease_days, max_machines_per_user, naming_prefix, custom_properties,
                                       cost_profile, created_at, version, image_id, disk_mode, user_data)
                VALUES (:id, :tenantId, :name, :description, :cpu, :memory, :disks, :image, :hypervisor, :lease,
                        :tombstone, :approvalMode, :approvalCount, :approvalLease, :perUser, :prefix, :properties,
                        :cost, :createdAt, 0, :imageId, :diskMode, :userData)""")
                .params(columns(t)).param("tenantId", t.tenantId()).param("createdAt", ts(t.createdAt()))
                .update();
        entitle(t.id(), t.entitledGroupIds());
    }

    boolean update(Template t, long expectedVersion) {
        checkFits(t);
        boolean applied = jdbc.sql("""
                UPDATE templates SET name = :name, description = :description, cpu = :cpu, memory_mib = :memory,
                       disks = :disks, image_ref = :image, hypervisor_type = :hypervisor, lease_days = :lease,
                       tombstone_days = :tombstone, approval_mode = :approvalMode, approval_max_count = :approvalCount,
                       approval_max_lease_days = :approvalLease, max_machines_per_user = :perUser,
                       naming_prefix = :prefix, custom_properties = :properties, cost_profile = :cost,
                       image_id = :imageId, disk_mode = :diskMode, user_data = :userData, version = version + 1
                WHERE id = :id AND version = :version""")
                .params(columns(t)).param("version", expectedVersion)
                .update() == 1;
        if (applied) {
            jdbc.sql("DELETE FROM template_entitlements WHERE template_id = ?").param(t.id()).update();
            entitle(t.id(), t.entitledGroupIds());
        }
        return applied;
    }

    boolean delete(UUID id, long expectedVersion) {
        return jdbc.sql("DELETE FROM templates WHERE id = ? AND version = ?").params(id, expectedVersion).update() == 1;
    }

    Optional<Template> find(UUID id) {
        return jdbc.sql("SELECT * FROM templates WHERE id = ?").param(id).query(this::map).optional()
                .map(this::withEntitlements);
    }

    /** The names of the templates that build from the image (at most {@code limit}). */
    List<String> namesUsingImage(UUID imageId, int limit) {
        return jdbc.sql("SELECT name FROM templates WHERE image_id = ? ORDER BY name LIMIT ?").params(imageId, limit)
                .query(String.class).list();
    }

    long countUsingImage(UUID imageId) {
        return jdbc.sql("SELECT COUNT(*) FROM templates WHERE image_id = ?").param(imageId).query(Long.class).single();
    }

    Optional<Template> findByName(UUID tenantId, String name) {
        return jdbc.sql("SELECT * FROM templates WHERE tenant_id = ? AND name = ?").params(tenantId, name)
                .query(this::map).optional().map(this::withEntitlements);
    }

    /** The visible templates, optionally only those entitled to {@code groupFilter}. */
    List<Template> page(Visibility visible, UUID groupFilter, long offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(visible, groupFilter, params);
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql("SELECT * FROM templates t" + where + " ORDER BY t.name, t.id LIMIT :limit OFFSET :offset")
                .params(params).query(this::map).list().stream().map(this::withEntitlements).toList();
    }

    long count(Visibility visible, UUID groupFilter) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM templates t" + where(visible, groupFilter, params)).params(params)
                .query(Long.class).single();
    }

    private static String where(Visibility visible, UUID groupFilter, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        String visibility = visible.sql("t.tenant_id",
                "t.id IN (SELECT e.template_id FROM template_entitlements e WHERE e.group_id IN (:visibleGroups))", params);
        if (visibility != null) {
            conditions.add(visibility);
        }
        if (groupFilter != null) {
            conditions.add("t.id IN (SELECT e.template_id FROM template_entitlements e WHERE e.group_id = :groupFilter)");
            params.put("groupFilter", groupFilter);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private void entitle(UUID templateId, List<UUID> groups) {
        for (UUID group : groups) {
            jdbc.sql("INSERT INTO template_entitlements (template_id, group_id) VALUES (?, ?)").params(templateId, group)
                    .update();
        }
    }

    private Template withEntitlements(Template t) {
        List<UUID> groups = jdbc.sql("SELECT group_id FROM template_entitlements WHERE template_id = ? ORDER BY group_id")
                .param(t.id()).query(UUID.class).list();
        return new Template(t.id(), t.tenantId(), t.name(), t.description(), t.cpu(), t.memoryMiB(), t.disks(),
                t.imageRef(), t.hypervisorType(), t.leaseDays(), t.tombstoneDays(), t.approval(), t.maxMachinesPerUser(),
                t.namingPrefix(), t.customProperties(), groups, t.cost(), t.createdAt(), t.version(), t.imageId(),
                t.diskMode(), t.userData());
    }

    private Map<String, Object> columns(Template t) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("id", t.id());
        columns.put("name", t.name());
        columns.put("description", t.description());
        columns.put("cpu", t.cpu());
        columns.put("memory", t.memoryMiB());
        columns.put("disks", json.writeValueAsString(t.disks()));
        columns.put("image", t.imageRef());
        columns.put("hypervisor", t.hypervisorType());
        columns.put("lease", t.leaseDays());
        columns.put("tombstone", t.tombstoneDays());
        columns.put("approvalMode", t.approval().mode().name());
        columns.put("approvalCount", t.approval().maxCountWithoutApproval());
        columns.put("approvalLease", t.approval().maxLeaseDaysWithoutApproval());
        columns.put("perUser", t.maxMachinesPerUser());
        columns.put("prefix", t.namingPrefix());
        columns.put("properties", json.writeValueAsString(t.customProperties()));
        columns.put("cost", json.writeValueAsString(t.cost()));
        columns.put("imageId", t.imageId());
        columns.put("diskMode", t.diskMode().name());
        columns.put("userData", t.userData());
        return columns;
    }

    private Template map(ResultSet rs, int row) throws SQLException {
        return new Template(uuid(rs, "id"), uuid(rs, "tenant_id"), rs.getString("name"), rs.getString("description"),
                rs.getInt("cpu"), rs.getLong("memory_mib"),
                json.readValue(rs.getString("disks"), new TypeReference<List<DiskSpec>>() { }),
                rs.getString("image_ref"), rs.getString("hypervisor_type"), (Integer) rs.getObject("lease_days"),
                rs.getInt("tombstone_days"),
                new ApprovalPolicy(ApprovalMode.valueOf(rs.getString("approval_mode")),
                        (Integer) rs.getObject("approval_max_count"), (Integer) rs.getObject("approval_max_lease_days")),
                (Integer) rs.getObject("max_machines_per_user"), rs.getString("naming_prefix"),
                json.readValue(rs.getString("custom_properties"), new TypeReference<List<CustomProperty>>() { }),
                List.of(), json.readValue(rs.getString("cost_profile"), CostProfile.class), instant(rs, "created_at"),
                rs.getLong("version"), uuid(rs, "image_id"), DiskMode.valueOf(rs.getString("disk_mode")),
                rs.getString("user_data"));
    }
}
