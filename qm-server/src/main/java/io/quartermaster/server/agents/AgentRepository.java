package io.quartermaster.server.agents;

import static io.quartermaster.server.platform.db.Sql.instant;
import static io.quartermaster.server.platform.db.Sql.ts;
import static io.quartermaster.server.platform.db.Sql.uuid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Bootstrap tokens, agents and the hosts each serves. */
@Repository
class AgentRepository {

    record StoredToken(UUID id, UUID tenantId, List<UUID> hostIds, Instant expiresAt, Instant usedAt) {}

    record StoredAgent(UUID id, UUID tenantId, String name, String version, Instant createdAt, Instant lastSeenAt,
            Instant revokedAt) {}

    private final JdbcClient jdbc;

    AgentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertToken(UUID id, UUID tenantId, String hash, List<UUID> hostIds, String createdBy, Instant now,
            Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO agent_bootstrap_tokens (id, tenant_id, token_hash, host_ids, created_by, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, tenantId, hash, String.join(" ", hostIds.stream().map(UUID::toString).toList()), createdBy,
                        ts(now), ts(expiresAt))
                .update();
    }

    Optional<StoredToken> tokenByHash(String hash) {
        return jdbc.sql("SELECT * FROM agent_bootstrap_tokens WHERE token_hash = ?").param(hash)
                .query((rs, row) -> new StoredToken(uuid(rs, "id"), uuid(rs, "tenant_id"),
                        Arrays.stream(rs.getString("host_ids").split(" ")).map(UUID::fromString).toList(),
                        instant(rs, "expires_at"), instant(rs, "used_at")))
                .optional();
    }

    /** Spends the token for the agent; false when someone else spent it first. */
    boolean useToken(UUID tokenId, UUID agentId, Instant now) {
        return jdbc.sql("UPDATE agent_bootstrap_tokens SET used_at = ?, agent_id = ? WHERE id = ? AND used_at IS NULL")
                .params(ts(now), agentId, tokenId).update() == 1;
    }

    void insertAgent(UUID id, UUID tenantId, String name, String credentialHash, String version, Instant now) {
        jdbc.sql("""
                INSERT INTO agents (id, tenant_id, name, credential_hash, version, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(id, tenantId, name, credentialHash, version, ts(now)).update();
    }

    boolean nameTaken(UUID tenantId, String name) {
        return jdbc.sql("SELECT COUNT(*) FROM agents WHERE tenant_id = ? AND name = ?").params(tenantId, name)
                .query(Long.class).single() > 0;
    }

    void addHost(UUID agentId, UUID hostId) {
        jdbc.sql("INSERT INTO agent_hosts (agent_id, host_id) VALUES (?, ?)").params(agentId, hostId).update();
    }

    /** The tenant's hosts among {@code hostIds}, as an agent is told about them (read from the hosts table). */
    List<io.quartermaster.api.agent.Registration.HostRef> hostRefs(UUID tenantId, List<UUID> hostIds) {
        return jdbc.sql("SELECT id, name, hypervisor_type FROM hosts WHERE tenant_id = :tenant AND id IN (:ids) ORDER BY name")
                .param("tenant", tenantId).param("ids", hostIds)
                .query((rs, row) -> new io.quartermaster.api.agent.Registration.HostRef(uuid(rs, "id"),
                        rs.getString("name"), rs.getString("hypervisor_type")))
                .list();
    }

    Optional<StoredAgent> byCredentialHash(String hash) {
        return jdbc.sql("SELECT * FROM agents WHERE credential_hash = ?").param(hash).query(this::agent).optional();
    }

    Optional<StoredAgent> find(UUID id) {
        return jdbc.sql("SELECT * FROM agents WHERE id = ?").param(id).query(this::agent).optional();
    }

    List<UUID> hostsOf(UUID agentId) {
        return jdbc.sql("SELECT host_id FROM agent_hosts WHERE agent_id = ? ORDER BY host_id").param(agentId)
                .query(UUID.class).list();
    }

    void seen(UUID agentId, Instant now) {
        jdbc.sql("UPDATE agents SET last_seen_at = ? WHERE id = ?").params(ts(now), agentId).update();
    }

    /** Agents heard from now; those written since {@code freshAfter}, and revoked ones, are left as they are. */
    void seenAll(Collection<UUID> agentIds, Instant now, Instant freshAfter) {
        jdbc.sql("""
                UPDATE agents SET last_seen_at = :now
                WHERE id IN (:ids) AND revoked_at IS NULL AND (last_seen_at IS NULL OR last_seen_at < :fresh)""")
                .param("now", ts(now)).param("ids", agentIds).param("fresh", ts(freshAfter)).update();
    }

    boolean revoke(UUID agentId, Instant now) {
        return jdbc.sql("UPDATE agents SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").params(ts(now), agentId)
                .update() == 1;
    }

    /** Agents revoked at or after {@code since}. */
    Set<UUID> revokedSince(Instant since) {
        return Set.copyOf(jdbc.sql("SELECT id FROM agents WHERE revoked_at >= ?").param(ts(since))
                .query(UUID.class).list());
    }

    /** Agents of the visible tenants ({@code where} is a condition on {@code a}), newest first. */
    List<StoredAgent> list(String where, Map<String, Object> params, long offset, int size) {
        return jdbc.sql("SELECT a.* FROM agents a WHERE " + where
                        + " ORDER BY a.tenant_id, a.name OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY")
                .params(params).param("offset", offset).param("size", size).query(this::agent).list();
    }

    long count(String where, Map<String, Object> params) {
        return jdbc.sql("SELECT COUNT(*) FROM agents a WHERE " + where).params(params).query(Long.class).single();
    }

    long countInTenant(UUID tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM agents WHERE tenant_id = ?").param(tenantId).query(Long.class).single();
    }

    private StoredAgent agent(ResultSet rs, int row) throws SQLException {
        return new StoredAgent(uuid(rs, "id"), uuid(rs, "tenant_id"), rs.getString("name"), rs.getString("version"),
                instant(rs, "created_at"), instant(rs, "last_seen_at"), instant(rs, "revoked_at"));
    }
}
