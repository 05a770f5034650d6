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
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Claims by hand, for group administrators: place and hold one machine's worth of a template in the
 * group's reservations, give back its compute, take it again, release it. Requests will do the same
 * on their own.
 */
@RestController
@RequestMapping("/api/v1/claims")
class ClaimController {

    private final PlacementService placement;
    private final CapacityService capacity;
    private final TemplateDirectory templates;
    private final GroupDirectory groups;
    private final Authorizer authorizer;
    private final AuditService audit;

    ClaimController(PlacementService placement, CapacityService capacity, TemplateDirectory templates,
            GroupDirectory groups, Authorizer authorizer, AuditService audit) {
        this.placement = placement;
        this.capacity = capacity;
        this.templates = templates;
        this.groups = groups;
        this.authorizer = authorizer;
        this.audit = audit;
    }

    @PostMapping
    @Transactional
    ResponseEntity<ClaimView> create(@Valid @RequestBody CreateClaim request) {
        var group = groups.find(request.groupId()).orElseThrow(() -> QmException.notFound("Group", request.groupId()));
        authorizer.require(Operation.CLAIM_MANAGE, group.scope(), "Group", group.id());
        TemplateView template = templates.readable(request.templateId());
        if (!template.entitledGroupIds().contains(group.id())) {
            throw new FieldValidationException("templateId", "template '" + template.name()
                    + "' is not entitled to group '" + group.name() + "'");
        }
        ClaimView claim = placement.place(group.id(), template, authorizer.caller().userId(),
                "hold:" + authorizer.caller().username(), request.reason().strip());
        audit.success(Operation.CLAIM_MANAGE.key(), group.scope(), "claim", claim.id(), "held " + template.name()
                + " in reservation " + claim.reservationId() + ": " + request.reason().strip());
        return ResponseEntity.created(URI.create("/api/v1/claims/" + claim.id())).body(claim);
    }

    /** The live claims of one reservation or one group. */
    @GetMapping
    @Transactional(readOnly = true)
    Page<ClaimView> list(@RequestParam(required = false) UUID reservationId, @RequestParam(required = false) UUID groupId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageParams paging = PageParams.of(page, size);
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

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    ClaimView get(@PathVariable UUID id) {
        ClaimView claim = find(id);
        authorizer.require(Operation.CLAIM_READ, scope(claim), id);
        return claim;
    }

    /** Gives back cpu and memory and keeps disk and the machine slot, as a powered-off machine does. */
    @PostMapping("/{id}/release-compute")
    @Transactional
    ClaimView releaseCompute(@PathVariable UUID id) {
        ClaimView claim = manageable(id);
        ClaimView after = capacity.releaseCompute(id);
        audit.success(Operation.CLAIM_MANAGE.key(), scope(claim), "claim", id, "released compute");
        return after;
    }

    /** Takes cpu and memory again, or answers CapacityUnavailable. */
    @PostMapping("/{id}/reclaim-compute")
    @Transactional
    ClaimView reclaimCompute(@PathVariable UUID id) {
        ClaimView claim = manageable(id);
        ClaimView after = capacity.reclaimCompute(id);
        audit.success(Operation.CLAIM_MANAGE.key(), scope(claim), "claim", id, "reclaimed compute");
        return after;
    }

    /** Releases everything the claim holds. */
    @DeleteMapping("/{id}")
    @Transactional
    ResponseEntity<Void> release(@PathVariable UUID id) {
        ClaimView claim = manageable(id);
        capacity.release(id);
        audit.success(Operation.CLAIM_MANAGE.key(), scope(claim), "claim", id, "released");
        return ResponseEntity.noContent().build();
    }

    private ClaimView manageable(UUID id) {
        ClaimView claim = find(id);
        authorizer.require(Operation.CLAIM_MANAGE, scope(claim), id);
        return claim;
    }

    private ClaimView find(UUID id) {
        return capacity.findClaim(id).orElseThrow(() -> QmException.notFound("Claim", id));
    }

    private Scope scope(ClaimView claim) {
        return groups.find(claim.groupId()).map(GroupDirectory.GroupInfo::scope)
                .orElseThrow(() -> QmException.notFound("Claim", claim.id()));
    }
}
