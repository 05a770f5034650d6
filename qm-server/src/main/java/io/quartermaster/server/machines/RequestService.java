package io.quartermaster.server.machines;

import io.quartermaster.api.Page;
import io.quartermaster.api.catalog.ApprovalMode;
import io.quartermaster.api.catalog.CustomProperty;
import io.quartermaster.api.catalog.TemplateView;
import io.quartermaster.api.machines.CreateRequest;
import io.quartermaster.api.machines.MachineState;
import io.quartermaster.api.machines.RequestView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Caller;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.audit.AuditService;
import io.quartermaster.server.catalog.TemplateDirectory;
import io.quartermaster.server.capacity.CapacityService;
import io.quartermaster.server.placement.PlacementService;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.web.PageParams;
import io.quartermaster.server.tenancy.GroupDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders machines. Everything that can refuse a request is checked before anything is written
 * (entitlement, properties, the per-person limit), and capacity is claimed for every machine in the
 * same transaction: a request that does not fit as a whole leaves nothing behind. Each machine then
 * starts its own lifecycle workflow.
 */
@Service
public class RequestService {

    private final Authorizer authorizer;
    private final TemplateDirectory templates;
    private final GroupDirectory groups;
    private final PlacementService placement;
    private final CapacityService capacity;
    private final RequestRepository requests;
    private final MachineRepository machines;
    private final ApprovalRepository approvals;
    private final LifecycleStarter starter;
    private final OwnerNotices notices;
    private final MachineViews views;
    private final AuditService audit;
    private final LifecycleSettings settings;
    private final MachineSpecs specs;
    private final Clock clock;

    RequestService(Authorizer authorizer, TemplateDirectory templates, GroupDirectory groups, PlacementService placement,
            CapacityService capacity,
            RequestRepository requests, MachineRepository machines, ApprovalRepository approvals, LifecycleStarter starter,
            OwnerNotices notices, MachineViews views, AuditService audit, LifecycleSettings settings, MachineSpecs specs,
            Clock clock) {
        this.authorizer = authorizer;
        this.templates = templates;
        this.groups = groups;
        this.placement = placement;
        this.capacity = capacity;
        this.requests = requests;
        this.machines = machines;
        this.approvals = approvals;
        this.starter = starter;
        this.notices = notices;
        this.views = views;
        this.audit = audit;
        this.settings = settings;
        this.specs = specs;
        this.clock = clock;
    }

    @Transactional
    public RequestView create(CreateRequest body) {
        Caller caller = authorizer.caller();
        var group = groups.find(body.groupId()).orElseThrow(() -> QmException.notFound("Group", body.groupId()));
        authorizer.require(Operation.REQUEST_CREATE, group.scope(), "Group", group.id());
        TemplateView template = templates.find(body.templateId())
                .filter(found -> found.tenantId().equals(group.tenantId()))
                .orElseThrow(() -> QmException.notFound("Template", body.templateId()));
        if (!template.entitledGroupIds().contains(group.id())) {
            throw new QmException(HttpStatus.FORBIDDEN, "NotEntitled", "Template '" + template.name()
                    + "' is not offered to group '" + group.name() + "'. Pick one of the group's templates.");
        }
        int count = body.countOrOne();
        Map<String, String> properties = properties(template, body.properties());
        checkLimit(caller.userId(), template, count);
        boolean needsApproval = template.approval().mode() == ApprovalMode.ALWAYS
                || (template.approval().mode() == ApprovalMode.WHEN_EXCEEDS
                        && template.approval().maxCountWithoutApproval() != null
                        && count > template.approval().maxCountWithoutApproval());
        Instant now = clock.instant();
        UUID requestId = UUID.randomUUID();
        String reason = body.reason() == null ? "" : body.reason();
        requests.insert(new RequestRepository.StoredRequest(requestId, group.tenantId(), group.id(), template.id(),
                caller.userId(), count, properties, reason, needsApproval, now));
        if (count > 1) {
            capacity.holdReservationsOf(group.id()); // no deadlock with another request placing several at once
        }
        List<Machine> created = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(newMachine(requestId, template, group, caller.userId(), properties, now, i, count));
        }
        ApprovalRepository.Approval approval = null;
        if (needsApproval) {
            approval = new ApprovalRepository.Approval(UUID.randomUUID(), ApprovalRepository.REQUEST, requestId, null,
                    group.tenantId(), group.id(), caller.userId(), null, reason, ApprovalRepository.PENDING, now,
                    now.plus(settings.days(settings.approvalTimeoutDays())), null, null, null, 0);
            approvals.insert(approval);
        }
        audit.success("request.create", group.scope(), "Request", requestId, count + " x '" + template.name() + "'"
                + (needsApproval ? ", needs approval" : ""));
        created.forEach(starter::start);
        if (approval != null) {
            notices.approvalWaiting(approval);
        }
        return views.request(requests.find(requestId).orElseThrow());
    }

    private Machine newMachine(UUID requestId, TemplateView template, GroupDirectory.GroupInfo group, UUID ownerId,
            Map<String, String> properties, Instant now, int index, int count) {
        UUID id = UUID.randomUUID();
        var claim = placeOrExplain(group.id(), template, ownerId, id, index, count);
        MachineSpec spec = specs.of(template, ownerId);
        Machine machine = new Machine(id, requestId, group.tenantId(), group.id(), template.id(), template.name(), ownerId,
                null, MachineState.Requested, io.quartermaster.api.machines.PowerState.Off, claim.id(), claim.hostId(),
                spec, properties, template.leaseDays(), template.tombstoneDays(), null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, now, 0);
        machines.insert(machine);
        return machine;
    }

    private io.quartermaster.api.capacity.ClaimView placeOrExplain(UUID groupId, TemplateView template, UUID ownerId,
            UUID machineId, int index, int count) {
        try {
            return placement.place(groupId, template, ownerId, "machine:" + machineId, "Machine " + machineId);
        } catch (QmException noRoom) {
            if (count == 1 || !"CapacityUnavailable".equals(noRoom.reason())) {
                throw noRoom;
            }
            throw new QmException(noRoom.status(), noRoom.reason(), "Only " + index + " of the " + count
                    + " machines fit; nothing was ordered. " + noRoom.getMessage());
        }
    }

    /** The template's properties with the requester's values for the ones they may set. */
    private static Map<String, String> properties(TemplateView template, Map<String, String> asked) {
        Map<String, CustomProperty> byName = new HashMap<>();
        template.customProperties().forEach(property -> byName.put(property.name(), property));
        Map<String, String> result = new LinkedHashMap<>();
        template.customProperties().forEach(property -> result.put(property.name(), property.value()));
        if (asked != null) {
            for (var entry : asked.entrySet()) {
                CustomProperty property = byName.get(entry.getKey());
                if (property == null) {
                    throw QmException.invalid("UnknownProperty", "Template '" + template.name() + "' has no property '"
                            + entry.getKey() + "'. It has: " + String.join(", ", byName.keySet()) + ".");
                }
                if (!Boolean.TRUE.equals(property.userEditable())) {
                    throw QmException.invalid("PropertyNotEditable", "Property '" + entry.getKey() + "' of template '"
                            + template.name() + "' is set by the template and cannot be changed when ordering.");
                }
                if (entry.getValue() == null) {
                    throw QmException.invalid("InvalidProperty", "Property '" + entry.getKey() + "' needs a value.");
                }
                result.put(entry.getKey(), entry.getValue());
            }
        }
        return result;
    }

    private void checkLimit(UUID ownerId, TemplateView template, int count) {
        Integer max = template.maxMachinesPerUser();
        if (max == null) {
            return;
        }
        long live = machines.countLiveOf(ownerId, template.id());
        if (live + count > max) {
            throw new QmException(HttpStatus.CONFLICT, "QuotaExceeded", "You have " + live + " machine(s) of '"
                    + template.name() + "' and may have at most " + max + "; this request asks for " + count
                    + ". Dispose of one first, or ask for fewer.");
        }
    }

    @Transactional(readOnly = true)
    public RequestView get(UUID id) {
        var request = requests.find(id).orElseThrow(() -> QmException.notFound("Request", id));
        if (!authorizer.isCaller(request.requesterId())) {
            authorizer.require(Operation.MACHINE_ADMIN, io.quartermaster.server.access.Scope.group(request.tenantId(),
                    request.groupId()), "Request", id);
        }
        return views.request(request);
    }

    /** The caller's own requests, or with {@code groupId} the group's (its administrators). */
    @Transactional(readOnly = true)
    public Page<RequestView> list(UUID groupId, PageParams paging) {
        Map<String, Object> params = new HashMap<>();
        String where;
        if (groupId == null) {
            where = "r.requester_id = :me";
            params.put("me", authorizer.caller().userId());
        } else {
            var group = groups.find(groupId).orElseThrow(() -> QmException.notFound("Group", groupId));
            authorizer.require(Operation.MACHINE_ADMIN, group.scope(), "Group", groupId);
            where = "r.group_id = :group";
            params.put("group", groupId);
        }
        return new Page<>(requests.list(where, params, (int) paging.offset(), paging.size()).stream()
                .map(views::request).toList(), paging.page(), paging.size(), requests.count(where, params));
    }
}
