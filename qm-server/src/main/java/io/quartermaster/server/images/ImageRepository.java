package io.quartermaster.server.images;

import static io.quartermaster.server.platform.db.Sql.instant;
import static io.quartermaster.server.platform.db.Sql.ts;
import static io.quartermaster.server.platform.db.Sql.uuid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The images table; the files themselves are the {@link ImageStore}'s. */
@Repository
class ImageRepository {

    private final JdbcClient jdbc;

    ImageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Image image) {
        jdbc.sql("""
                INSERT INTO images (id, tenant_id, owner_key, name, version, format, size_bytes, sha256, file_name,
                                    created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(image.id(), image.tenantId(), image.ownerKey(), image.name(), image.version(), image.format(),
                        image.sizeBytes(), image.sha256(), image.fileName(), ts(image.createdAt()), image.createdBy())
                .update();
    }

    Optional<Image> find(UUID id) {
        return jdbc.sql("SELECT * FROM images WHERE id = ?").param(id).query(this::map).optional();
    }

    boolean exists(String ownerKey, String name, String version) {
        return jdbc.sql("SELECT COUNT(*) FROM images WHERE owner_key = ? AND name = ? AND version = ?")
                .params(ownerKey, name, version).query(Long.class).single() > 0;
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM images WHERE id = ?").param(id).update() == 1;
    }

    long countOfTenant(UUID tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM images WHERE tenant_id = ?").param(tenantId).query(Long.class).single();
    }

    /** Shared images and those of the given tenants (empty: every image). */
    List<Image> page(Optional<Set<UUID>> tenants, long offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql("SELECT * FROM images" + where(tenants, params)
                        + " ORDER BY name, version, id LIMIT :limit OFFSET :offset")
                .params(params).query(this::map).list();
    }

    long count(Optional<Set<UUID>> tenants) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("SELECT COUNT(*) FROM images" + where(tenants, params)).params(params).query(Long.class).single();
    }

    private static String where(Optional<Set<UUID>> tenants, Map<String, Object> params) {
        if (tenants.isEmpty()) {
            return "";
        }
        if (tenants.get().isEmpty()) {
            return " WHERE 1 = 0"; // no role anywhere: not even the shared images
        }
        params.put("tenants", List.copyOf(tenants.get()));
        return " WHERE tenant_id IS NULL OR tenant_id IN (:tenants)";
    }

    private Image map(ResultSet rs, int row) throws SQLException {
        return new Image(uuid(rs, "id"), uuid(rs, "tenant_id"), rs.getString("name"), rs.getString("version"),
                rs.getString("format"), rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("file_name"),
                instant(rs, "created_at"), rs.getString("created_by"));
    }
}
