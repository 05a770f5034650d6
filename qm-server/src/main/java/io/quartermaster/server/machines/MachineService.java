package io.quartermaster.server.machines;

import io.quartermaster.api.Page;
import io.quartermaster.api.machines.MachineEvent;
import io.quartermaster.api.machines.MachineState;
import io.quartermaster.api.machines.MachineView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.platform.errors.FieldValidationException;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.web.PageParams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading machines: a person sees their own; group, tenant and system administrators see the machines
 * of the places they administer. Anything else is NotFound.
 */
@Service
public class MachineService {

    /** The filters of {@code GET /api/v1/machines}; any may be null. */
    public record Filter(MachineState state, UUID owner, UUID group, UUID host, UUID template, Instant expiringBefore) {}

    private final MachineRepository machines;
    private final MachineViews views;
    private final MachineHistory history;
    private final Authorizer authorizer;
    private final Clock clock;

    MachineService(MachineRepository machines, MachineViews views, MachineHistory history, Authorizer authorizer,
            Clock clock) {
        this.clock = clock;
        this.machines = machines;
        this.views = views;
        this.history = history;
        this.authorizer = authorizer;
    }

    @Transactional(readOnly = true)
    public Page<MachineView> list(Filter filter, PageParams paging) {
        Map<String, Object> params = new HashMap<>();
        List<String> where = new ArrayList<>();
        where.add(visible(params));
        add(where, params, "m.state = :state", "state", filter.state() == null ? null : filter.state().name());
        add(where, params, "m.owner_id = :owner", "owner", filter.owner());
        add(where, params, "m.group_id = :group", "group", filter.group());
        add(where, params, "m.host_id = :host", "host", filter.host());
        add(where, params, "m.template_id = :template", "template", filter.template());
        add(where, params, "m.lease_expires_at < :before", "before",
                filter.expiringBefore() == null ? null : io.quartermaster.server.platform.db.Sql.ts(filter.expiringBefore()));
        String condition = String.join(" AND ", where);
        return new Page<>(views.list(condition, params, paging.offset(), paging.size()), paging.page(), paging.size(),
                views.count(condition, params));
    }

    /** The dashboard's counts over the machines the caller may see (disposed ones are not counted). */
    @Transactional(readOnly = true)
    public MachineSummary summary() {
        Map<String, Object> params = new HashMap<>();
        String visible = visible(params);
        Map<MachineState, Long> byState = new EnumMap<>(MachineState.class);
        for (MachineState state : MachineState.values()) {
            byState.put(state, 0L);
        }
        views.countByState(visible, params).forEach((state, count) -> byState.put(MachineState.valueOf(state), count));
        byState.remove(MachineState.Disposed);
        Instant now = clock.instant();
        return new MachineSummary(byState, views.activeLeasesEndingBefore(visible, params, now.plus(Duration.ofDays(7))),
                views.activeLeasesEndingBefore(visible, params, now.plus(Duration.ofDays(30))));
    }

    @Transactional(readOnly = true)
    public MachineView get(UUID id) {
        readable(id);
        return views.get(id);
    }

    @Transactional(readOnly = true)
    public Page<MachineEvent> history(UUID id, PageParams paging) {
        readable(id);
        return new Page<>(history.of(id, (int) paging.offset(), paging.size()), paging.page(), paging.size(),
                history.count(id));
    }

    private Machine readable(UUID id) {
        Machine machine = machines.find(id).orElseThrow(() -> QmException.notFound("Machine", id));
        if (authorizer.isCaller(machine.ownerId())) {
            authorizer.require(Operation.MACHINE_READ, machine.scope(), "Machine", id);
        } else if (!authorizer.can(Operation.MACHINE_ADMIN, machine.scope())) {
            throw QmException.notFound("Machine", id);
        }
        return machine;
    }

    /** Their own machines, and those of the places they administer. */
    private String visible(Map<String, Object> params) {
        params.put("me", authorizer.caller().userId());
        String visible = authorizer.visibility(Operation.MACHINE_ADMIN).sql("m.tenant_id", "m.group_id IN (:visibleGroups)",
                params);
        return visible == null ? "1 = 1" : "(m.owner_id = :me OR " + visible + ")";
    }

    private static void add(List<String> where, Map<String, Object> params, String condition, String name, Object value) {
        if (value != null) {
            where.add(condition);
            params.put(name, value);
        }
    }

    static MachineState state(String value) {
        if (value == null) {
            return null;
        }
        try {
            return MachineState.valueOf(value);
        } catch (IllegalArgumentException unknown) {
            throw new FieldValidationException("state", "must be one of " + java.util.Arrays.toString(MachineState.values()));
        }
    }
}
