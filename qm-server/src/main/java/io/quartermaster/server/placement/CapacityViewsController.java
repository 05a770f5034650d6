package io.quartermaster.server.placement;

import io.quartermaster.api.catalog.Estimate;
import io.quartermaster.api.catalog.Headroom;
import io.quartermaster.api.catalog.TemplateView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.catalog.TemplateService;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.web.PageParams;
import io.quartermaster.server.tenancy.GroupDirectory;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What a person sees before ordering: the estimate of one template, and a group's headroom per template. */
@RestController
class CapacityViewsController {

    private final EstimateService estimates;
    private final TemplateService templates;
    private final GroupDirectory groups;
    private final Authorizer authorizer;

    CapacityViewsController(EstimateService estimates, TemplateService templates, GroupDirectory groups,
            Authorizer authorizer) {
        this.estimates = estimates;
        this.templates = templates;
        this.groups = groups;
        this.authorizer = authorizer;
    }

    /** Price for the lease, approval needed or not, and whether capacity and quota allow it. */
    @GetMapping(path = "/api/v1/templates/{id}/estimate", produces = MediaType.APPLICATION_JSON_VALUE)
    Estimate estimate(@PathVariable UUID id, @RequestParam(required = false) UUID groupId,
            @RequestParam(required = false) Integer count, @RequestParam(required = false) Integer leaseDays) {
        return estimates.estimate(id, groupId, count == null ? 1 : count, leaseDays);
    }

    /** For each template of the group the caller can see: how many more they can order now. */
    @GetMapping(path = "/api/v1/groups/{id}/headroom", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Headroom> headroom(@PathVariable UUID id) {
        var group = groups.find(id).orElseThrow(() -> QmException.notFound("Group", id));
        authorizer.require(Operation.CAPACITY_READ, group.scope(), "Group", id);
        List<TemplateView> entitled = templates.list(id, PageParams.of(0, PageParams.MAX_SIZE)).items();
        return estimates.headroomOf(id, entitled);
    }
}
