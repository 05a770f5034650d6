package io.quartermaster.server.machines;

import static io.quartermaster.server.platform.db.Sql.uuid;

import io.quartermaster.api.machines.ApprovalView;
import io.quartermaster.api.machines.Condition;
import io.quartermaster.api.machines.MachineState;
import io.quartermaster.api.machines.MachineView;
import io.quartermaster.api.machines.RequestView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.platform.db.Sql;
import io.quartermaster.server.platform.errors.QmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read views of machines, requests and approvals. They join the names people know (owner, host,
 * template, group) and the workflow version from the engine's tables in one query: read-only
 * projections, so the owning features' rules are not bypassed.
 */
@Component
class MachineViews {

    static final String SELECT = """
            SELECT m.*, u.username AS owner_name, h.name AS host_name, d.key_ AS workflow_key, d.version_ AS workflow_version,
                   g.forbidden_actions, hs.connection AS host_connection, hs.last_report_at AS host_last_report_at
            FROM machines m
            JOIN users u ON u.id = m.owner_id
            JOIN business_groups g ON g.id = m.group_id
            LEFT JOIN hosts h ON h.id = m.host_id
            LEFT JOIN host_agent_status hs ON hs.host_id = m.host_id
            LEFT JOIN act_ru_execution e ON e.id_ = m.process_instance_id
            LEFT JOIN act_re_procdef d ON d.id_ = e.proc_def_id_
            """;

    private final JdbcClient jdbc;
    private final MachineRepository machines;
    private final Authorizer authorizer;

    MachineViews(JdbcClient jdbc, MachineRepository machines, Authorizer authorizer) {
        this.jdbc = jdbc;
        this.machines = machines;
        this.authorizer = authorizer;
    }

    MachineView get(UUID id) {
        return list("m.id = :id", Map.of("id", id), 0, 1).stream().findFirst()
                .orElseThrow(() -> QmException.notFound("Machine", id));
    }

    /** The name of a machine's host, read without a caller (workflow steps tell owners where it runs). */
    java.util.Optional<String> hostName(UUID hostId) {
        return hostId == null ? java.util.Optional.empty()
                : jdbc.sql("SELECT name FROM hosts WHERE id = ?").param(hostId).query(String.class).optional();
    }

    List<MachineView> list(String where, Map<String, Object> params, long offset, int size) {
        List<MachineView> views = jdbc.sql(SELECT + " WHERE " + where
                        + " ORDER BY m.created_at DESC, m.id OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY")
                .params(params).param("offset", offset).param("size", size).query(this::machine).list();
        return withRecordedConditions(views);
    }

    /** Adds the conditions the inventory sync recorded, with one query for the whole page. */
    private List<MachineView> withRecordedConditions(List<MachineView> views) {
        if (views.isEmpty()) {
            return views;
        }
        Map<UUID, List<Condition>> recorded = new HashMap<>();
        jdbc.sql("SELECT * FROM machine_conditions WHERE machine_id IN (:ids) ORDER BY since, type")
                .param("ids", views.stream().map(MachineView::id).toList())
                .query(rs -> {
                    recorded.computeIfAbsent(io.quartermaster.server.platform.db.Sql.uuid(rs, "machine_id"),
                            id -> new java.util.ArrayList<>()).add(new Condition(rs.getString("type"),
                            rs.getString("message"), io.quartermaster.server.platform.db.Sql.instant(rs, "since")));
                });
        if (recorded.isEmpty()) {
            return views;
        }
        return views.stream().map(v -> {
            List<Condition> more = recorded.get(v.id());
            if (more == null) {
                return v;
            }
            List<Condition> all = new java.util.ArrayList<>(v.conditions());
            all.addAll(more);
            return new MachineView(v.id(), v.name(), v.requestId(), v.tenantId(), v.groupId(), v.templateId(),
                    v.templateName(), v.ownerId(), v.owner(), v.state(), v.powerState(), v.hostId(), v.hostName(), v.cpu(),
                    v.memoryMiB(), v.diskGiB(), v.properties(), v.provisionedAt(), v.leaseExpiresAt(),
                    v.reminderDaysBefore(), v.expiredAt(), v.tombstoneEndsAt(), v.currentStep(), v.lastFailure(),
                    List.copyOf(all), v.allowedActions(), v.workflow(), v.workflowVersion(), v.createdAt(), v.version(),
                    v.connection());
        }).toList();
    }

    Map<String, Long> countByState(String where, Map<String, Object> params) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("SELECT m.state, COUNT(*) AS n FROM machines m WHERE " + where + " GROUP BY m.state").params(params)
                .query((rs, row) -> counts.put(rs.getString("state"), rs.getLong("n"))).list();
        return counts;
    }

    long activeLeasesEndingBefore(String where, Map<String, Object> params, Instant before) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("leaseEndsBefore", Sql.ts(before));
        return count(where + " AND m.state = 'Active' AND m.lease_expires_at < :leaseEndsBefore", all);
    }

    long count(String where, Map<String, Object> params) {
        return jdbc.sql("SELECT COUNT(*) FROM machines m WHERE " + where).params(params).query(Long.class).single();
    }

    private MachineView machine(ResultSet rs, int row) throws SQLException {
        Machine m = machines.map(rs, row);
        boolean showHost = authorizer.can(Operation.HOST_READ, Scope.tenant(m.tenantId()))
                || authorizer.can(Operation.RESERVATION_READ, m.scope());
        int version = rs.getInt("workflow_version");
        Integer workflowVersion = rs.wasNull() ? null : version;
        var failure = m.failureReason() == null ? null
                : new MachineView.Failure(m.failureStep(), m.failureReason(), m.failureMessage(), m.failedAt());
        return new MachineView(m.id(), m.name(), m.requestId(), m.tenantId(), m.groupId(), m.templateId(),
                m.templateName(), m.ownerId(), rs.getString("owner_name"), m.state(), m.powerState(),
                showHost ? m.hostId() : null, showHost ? rs.getString("host_name") : null, m.spec().cpu(),
                m.spec().memoryMiB(), m.spec().diskGiB(), m.properties(), m.provisionedAt(), m.leaseExpiresAt(),
                m.reminderDaysBefore(), m.expiredAt(), m.tombstoneEndsAt(), m.currentStep(), failure,
                hostConditions(m, rs, showHost ? rs.getString("host_name") : null),
                allowedToCaller(m, rs.getString("forbidden_actions")),
                rs.getString("workflow_key"), workflowVersion, m.createdAt(), m.version(),
                MachineConnection.view(rs.getString("address"), rs.getString("console"), rs.getString("owner_name")));
    }

    /** A machine on a host whose agent is silent shows it (while it lives there). */
    private static List<Condition> hostConditions(Machine m, ResultSet rs, String hostName) throws SQLException {
        if (!"Disconnected".equals(rs.getString("host_connection")) || m.state() == MachineState.Disposed
                || m.state() == MachineState.Rejected) {
            return List.of();
        }
        java.time.Instant last = io.quartermaster.server.platform.db.Sql.instant(rs, "host_last_report_at");
        return List.of(new Condition("HostDisconnected", "The agent of host " + (hostName == null ? "" : hostName + " ")
                + "has not reported since " + last + "; the machine's real state is unknown.", last));
    }

    /**
     * The actions the caller may take now: those the state allows, less those for administrators and
     * those the group's policy forbids its users, unless the caller administers the machine.
     */
    private List<String> allowedToCaller(Machine m, String forbiddenByGroup) {
        boolean admin = authorizer.can(Operation.MACHINE_ADMIN, m.scope());
        List<String> forbidden = admin || forbiddenByGroup == null ? List.of() : List.of(forbiddenByGroup.split(" "));
        return MachineAction.allowed(m.state(), m.powerState(), m.permanent(), m.currentStep() != null).stream()
                .filter(action -> admin || !action.adminOnly()).map(MachineAction::key)
                .filter(key -> !forbidden.contains(key)).toList();
    }

    RequestView request(RequestRepository.StoredRequest r) {
        var names = jdbc.sql("""
                SELECT t.name AS template_name, u.username FROM templates t, users u WHERE t.id = ? AND u.id = ?""")
                .params(r.templateId(), r.requesterId())
                .query((rs, row) -> new String[] {rs.getString("template_name"), rs.getString("username")}).single();
        // The machines are read before the approval, on purpose: a decision and the machines' states it causes
        // commit together, and each statement sees what was committed when it began, so a machine shown
        // Rejected always comes with the rejection itself (read the other way round, a decision committed
        // between the two reads showed a Rejected machine in a request still pending, and 'qm request --wait'
        // told the requester the machine was gone instead of who rejected it and why).
        var machines = list("m.request_id = :request", Map.of("request", r.id()), 0, 1000);
        var approval = jdbc.sql("SELECT state, decided_by, decided_at, decision_reason FROM approvals WHERE request_id = ? AND kind = 'Request'")
                .param(r.id()).query((rs, row) -> new Object[] {rs.getString("state"), rs.getString("decided_by"),
                        io.quartermaster.server.platform.db.Sql.instant(rs, "decided_at"), rs.getString("decision_reason")})
                .optional();
        String state = approval.map(a -> (String) a[0]).map(s -> s.equals("Pending") ? "PendingApproval" : s)
                .orElse("Approved");
        return new RequestView(r.id(), r.tenantId(), r.groupId(), r.templateId(), names[0], r.requesterId(), names[1],
                r.count(), r.properties(), r.reason(), r.approvalRequired(), state,
                approval.map(a -> (String) a[1]).orElse(null), approval.map(a -> (java.time.Instant) a[2]).orElse(null),
                approval.map(a -> (String) a[3]).orElse(null),
                r.createdAt(), machines);
    }

    ApprovalView approval(ApprovalRepository.Approval a) {
        return jdbc.sql("""
                SELECT g.name AS group_name, t.id AS template_id, t.name AS template_name, u.username, r.machine_count,
                       r.properties, t.cpu, t.memory_mib, t.disks
                FROM machine_requests r JOIN business_groups g ON g.id = r.group_id JOIN templates t ON t.id = r.template_id
                JOIN users u ON u.id = :requester WHERE r.id = :request""")
                .param("requester", a.requesterId()).param("request", a.requestId())
                .query((rs, row) -> {
                    var request = requestFacts(a);
                    int count = ApprovalRepository.LEASE_EXTENSION.equals(a.kind()) ? 1 : rs.getInt("machine_count");
                    return new ApprovalView(a.id(), a.kind(), a.requestId(), a.machineId(), a.tenantId(), a.groupId(),
                            rs.getString("group_name"), uuid(rs, "template_id"), rs.getString("template_name"),
                            a.requesterId(), rs.getString("username"), count, request.properties(), a.reason(),
                            a.extensionDays(), (long) request.spec().cpu() * count, request.spec().memoryMiB() * count,
                            request.spec().diskGiB() * count, a.state(), a.createdAt(), a.expiresAt(), a.decidedBy(),
                            a.decidedAt(), a.decisionReason());
                }).single();
    }

    /** Size and properties as the machines of the request were ordered (their copy of the template). */
    private Machine requestFacts(ApprovalRepository.Approval a) {
        return machines.ofRequest(a.requestId()).stream().findFirst().orElseThrow();
    }
}
