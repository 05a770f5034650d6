package io.quartermaster.server.agents;

import static io.quartermaster.server.platform.db.Sql.instant;
import static io.quartermaster.server.platform.db.Sql.uuid;

import io.quartermaster.api.Page;
import io.quartermaster.api.agent.AgentView;
import io.quartermaster.api.agent.BootstrapTokenView;
import io.quartermaster.api.agent.CreateBootstrapToken;
import io.quartermaster.api.agent.HostAgentView;
import io.quartermaster.api.capacity.HostView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.audit.AuditService;
import io.quartermaster.server.capacity.HostService;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.security.Secrets;
import io.quartermaster.server.platform.web.PageParams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What tenant administrators do with agents: bootstrap tokens, the list of agents, revocation, host status. */
@Service
public class AgentAdminService {

    static final String BOOTSTRAP_PREFIX = "qmb_";
    private static final int DEFAULT_VALID_HOURS = 24;

    private final AgentRepository agents;
    private final HostStatusRepository status;
    private final HostService hosts;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration silentAfter;
    private final AgentCredentials credentials;

    AgentAdminService(AgentRepository agents, HostStatusRepository status, HostService hosts, Authorizer authorizer,
            AuditService audit, JdbcClient jdbc, Clock clock, AgentCredentials credentials,
            @Value("${qm.agents.silent-after:PT3M}") Duration silentAfter) {
        this.agents = agents;
        this.status = status;
        this.hosts = hosts;
        this.authorizer = authorizer;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.silentAfter = silentAfter;
        this.credentials = credentials;
    }

    /** A one-time token an agent registers with, for hosts of one tenant the caller administers. */
    @Transactional
    public BootstrapTokenView createToken(CreateBootstrapToken request) {
        List<UUID> hostIds = request.hostIds().stream().distinct().toList();
        List<HostView> named = hostIds.stream().map(hosts::get).toList(); // NotFound for a host the caller cannot see
        List<UUID> tenants = named.stream().map(HostView::tenantId).distinct().toList();
        if (tenants.size() > 1) {
            throw QmException.invalid("ValidationFailed", "The hosts of one bootstrap token must belong to one tenant.");
        }
        UUID tenantId = tenants.get(0);
        authorizer.require(Operation.AGENT_MANAGE, Scope.tenant(tenantId), "Tenant", tenantId);
        String token = Secrets.generate(BOOTSTRAP_PREFIX);
        Instant now = clock.instant();
        Instant expires = now.plus(Duration.ofHours(request.validHours() == null ? DEFAULT_VALID_HOURS
                : request.validHours()));
        UUID id = UUID.randomUUID();
        String by = authorizer.caller().username();
        agents.insertToken(id, tenantId, Secrets.hash(token), hostIds, by, now, expires);
        audit.success(Operation.AGENT_MANAGE.key(), Scope.tenant(tenantId), "BootstrapToken", id,
                "hosts=" + named.stream().map(HostView::name).toList() + ", expires " + expires);
        return new BootstrapTokenView(id, tenantId, token, hostIds, now, expires, by);
    }

    /** A bootstrap token made by the server itself (dev mode's in-process agents), valid for an hour. */
    @Transactional
    BootstrapTokenView systemToken(UUID tenantId, List<UUID> hostIds) {
        String token = Secrets.generate(BOOTSTRAP_PREFIX);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        agents.insertToken(id, tenantId, Secrets.hash(token), hostIds, "system", now, now.plus(Duration.ofHours(1)));
        audit.system(Operation.AGENT_MANAGE.key(), Scope.tenant(tenantId), "BootstrapToken", id, "for dev agents");
        return new BootstrapTokenView(id, tenantId, token, hostIds, now, now.plus(Duration.ofHours(1)), "system");
    }

    @Transactional(readOnly = true)
    public Page<AgentView> list(UUID tenantFilter, PageParams paging) {
        var visible = authorizer.visibility(Operation.AGENT_READ);
        if (visible.nothing()) {
            throw QmException.forbidden("Only tenant administrators may list agents.");
        }
        Map<String, Object> params = new HashMap<>();
        String where = visible.sql("a.tenant_id", "1 = 0", params);
        where = where == null ? "1 = 1" : where;
        if (tenantFilter != null) {
            where = where + " AND a.tenant_id = :tenantFilter";
            params.put("tenantFilter", tenantFilter);
        }
        List<AgentView> items = agents.list(where, params, paging.offset(), paging.size()).stream().map(this::view)
                .toList();
        return new Page<>(items, paging.page(), paging.size(), agents.count(where, params));
    }

    @Transactional(readOnly = true)
    public AgentView get(UUID id) {
        var agent = agents.find(id).orElseThrow(() -> QmException.notFound("Agent", id));
        authorizer.require(Operation.AGENT_READ, Scope.tenant(agent.tenantId()), "Agent", id);
        return view(agent);
    }

    /** The credential stops working at once; the hosts it was primary of go to a backup. */
    @Transactional
    public AgentView revoke(UUID id) {
        var agent = agents.find(id).orElseThrow(() -> QmException.notFound("Agent", id));
        authorizer.require(Operation.AGENT_MANAGE, Scope.tenant(agent.tenantId()), "Agent", id);
        if (agents.revoke(id, clock.instant())) {
            status.release(id);
            credentials.forgetAfterCommit(id); // other nodes forget it at their next revocation check
            audit.success(Operation.AGENT_MANAGE.key(), Scope.tenant(agent.tenantId()), "Agent", id,
                    "revoked " + agent.name());
        }
        return view(agents.find(id).orElseThrow());
    }

    /** What the agents say about a host (readable to whoever may read the host). */
    @Transactional(readOnly = true)
    public HostAgentView host(UUID hostId) {
        HostView host = hosts.get(hostId);
        var current = status.find(hostId).orElse(null);
        if (current == null) {
            return new HostAgentView(hostId, host.name(), "NeverConnected", null, null, 0, null, null, List.of());
        }
        String connection = current.lastReportAt() == null ? "NeverConnected" : current.connection();
        String primaryName = current.primaryAgentId() == null ? null
                : agents.find(current.primaryAgentId()).map(AgentRepository.StoredAgent::name).orElse(null);
        return new HostAgentView(hostId, host.name(), connection, current.primaryAgentId(), primaryName,
                current.epoch(), current.lastReportAt(), current.facts(), status.unmanaged(hostId));
    }

    private AgentView view(AgentRepository.StoredAgent agent) {
        Instant now = clock.instant();
        List<AgentView.ServedHost> served = jdbc.sql("""
                SELECT h.id, h.name, s.primary_agent_id, s.lease_until
                FROM agent_hosts ah JOIN hosts h ON h.id = ah.host_id
                LEFT JOIN host_agent_status s ON s.host_id = h.id
                WHERE ah.agent_id = ? ORDER BY h.name""")
                .param(agent.id())
                .query((rs, row) -> {
                    Instant lease = instant(rs, "lease_until");
                    boolean primary = agent.id().equals(uuid(rs, "primary_agent_id")) && lease != null
                            && !lease.isBefore(now);
                    return new AgentView.ServedHost(uuid(rs, "id"), rs.getString("name"), primary);
                })
                .list();
        boolean connected = agent.revokedAt() == null && agent.lastSeenAt() != null
                && agent.lastSeenAt().isAfter(now.minus(silentAfter));
        return new AgentView(agent.id(), agent.tenantId(), agent.name(), agent.version(), served, agent.createdAt(),
                agent.lastSeenAt(), connected, agent.revokedAt());
    }
}
