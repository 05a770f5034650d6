package io.quartermaster.server.placement;

import io.quartermaster.api.Page;
import io.quartermaster.api.capacity.ClaimView;
import io.quartermaster.api.capacity.CreateClaim;
import io.quartermaster.api.catalog.TemplateView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.audit.AuditService;
import io.quartermaster.server.capacity.CapacityService;
import io.quartermaster.server.catalog.TemplateDirectory;
import io.quartermaster.server.platform.errors.FieldValidationException;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.web.PageParams;
import io.quartermaster.server.tenancy.GroupDirectory;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claims held by hand by group administrators: place and hold one machine's worth of a template in the
 * group's reservations, give back its compute, take it again, release it. Requests claim the same way.
 */
@Service
public class HoldService {

    private final PlacementService placement;
    private final CapacityService capacity;
    private final TemplateDirectory templates;
    private final GroupDirectory groups;
    private final Authorizer authorizer;
    private final AuditService audit;

    HoldService(PlacementService placement, CapacityService capacity, TemplateDirectory templates,
            GroupDirectory groups, Authorizer authorizer, AuditService audit) {
        this.placement = placement;
        this.capacity = capacity;
        this.templates = templates;
        this.groups = groups;
        this.authorizer = authorizer;
        this.audit = audit;
    }

    @Transactional
    public ClaimView hold(CreateClaim request) {
        var group = groups.find(request.groupId()).orElseThrow(() -> QmException.notFound("Group", request.groupId()));
        authorizer.require(Operation.CLAIM_MANAGE, group.scope(), "Group", group.id());
        TemplateView template = templates.readable(request.templateId());
        if (!template.entitledGroupIds().contains(group.id())) {
            throw new FieldValidationException("templateId", "template '" + template.name()
                    + "' is not entitled to group '" + group.name() + "'");
        }
        String reason = request.reason().strip();
        ClaimView claim = placement.place(group.id(), template, authorizer.caller().userId(),
                "hold:" + authorizer.caller().username(), reason);
        audit.success(Operation.CLAIM_MANAGE.key(), group.scope(), "claim", claim.id(), "held " + template.name()
                + " in reservation " + claim.reservationId() + ": " + reason);
        return claim;
    }

    /** The live claims of one reservation, or of one group. */
    @Transactional(readOnly = true)
    public Page<ClaimView> live(UUID reservationId, UUID groupId, PageParams paging) {
        if (reservationId != null) {
            Scope scope = capacity.scopeOfReservation(reservationId)
                    .orElseThrow(() -> QmException.notFound("Reservation", reservationId));
            authorizer.require(Operation.CLAIM_READ, scope, "Reservation", reservationId);
            return capacity.liveClaims(reservationId, null, paging);
        }
        if (groupId == null) {
            throw new FieldValidationException("reservationId", "or groupId is required");
        }
        var group = groups.find(groupId).orElseThrow(() -> QmException.notFound("Group", groupId));
        authorizer.require(Operation.CLAIM_READ, group.scope(), "Group", groupId);
        return capacity.liveClaims(null, groupId, paging);
    }

    @Transactional(readOnly = true)
    public ClaimView get(UUID id) {
        ClaimView claim = find(id);
        authorizer.require(Operation.CLAIM_READ, scope(claim), id);
        return claim;
    }

    @Transactional
    public ClaimView releaseCompute(UUID id) {
        return change(id, "released compute", capacity::releaseCompute);
    }

    @Transactional
    public ClaimView reclaimCompute(UUID id) {
        return change(id, "reclaimed compute", capacity::reclaimCompute);
    }

    @Transactional
    public ClaimView release(UUID id) {
        return change(id, "released", capacity::release);
    }

    private ClaimView change(UUID id, String what, java.util.function.Function<UUID, ClaimView> operation) {
        ClaimView claim = find(id);
        Scope scope = scope(claim);
        authorizer.require(Operation.CLAIM_MANAGE, scope, id);
        ClaimView after = operation.apply(id);
        audit.success(Operation.CLAIM_MANAGE.key(), scope, "claim", id, what);
        return after;
    }

    private ClaimView find(UUID id) {
        return capacity.findClaim(id).orElseThrow(() -> QmException.notFound("Claim", id));
    }

    private Scope scope(ClaimView claim) {
        return groups.find(claim.groupId()).map(GroupDirectory.GroupInfo::scope)
                .orElseThrow(() -> QmException.notFound("Claim", claim.id()));
    }
}
