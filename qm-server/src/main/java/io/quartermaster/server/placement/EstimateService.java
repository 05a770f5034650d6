package io.quartermaster.server.placement;

import io.quartermaster.api.catalog.ApprovalMode;
import io.quartermaster.api.catalog.ApprovalPolicy;
import io.quartermaster.api.catalog.Estimate;
import io.quartermaster.api.catalog.Headroom;
import io.quartermaster.api.catalog.TemplateView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Caller;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.catalog.TemplateDirectory;
import io.quartermaster.server.platform.errors.FieldValidationException;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.tenancy.GroupDirectory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Before ordering: the price for the lease, whether approval will be needed, and whether capacity and
 * the per-user limit allow it. Also the per-template headroom of a group ("you can order 3 more").
 */
@Service
public class EstimateService {

    /** Permanent machines are priced per 30 days. */
    static final int PERMANENT_PRICE_PERIOD_DAYS = 30;

    private final TemplateDirectory templates;
    private final GroupDirectory groups;
    private final HeadroomService headroom;
    private final Authorizer authorizer;

    EstimateService(TemplateDirectory templates, GroupDirectory groups, HeadroomService headroom, Authorizer authorizer) {
        this.templates = templates;
        this.groups = groups;
        this.headroom = headroom;
        this.authorizer = authorizer;
    }

    @Transactional(readOnly = true)
    public Estimate estimate(UUID templateId, UUID groupId, int count, Integer leaseDays) {
        if (count < 1 || count > 1000) {
            throw new FieldValidationException("count", "must be between 1 and 1000");
        }
        if (leaseDays != null && leaseDays < 1) {
            throw new FieldValidationException("leaseDays", "must be 1 or more");
        }
        TemplateView template = templates.readable(templateId);
        UUID group = groupFor(template, groupId);
        Integer lease = leaseDays != null ? leaseDays : template.leaseDays();
        int days = lease == null ? PERMANENT_PRICE_PERIOD_DAYS : lease;
        BigDecimal perDay = Pricing.perMachinePerDay(template);
        String approvalReason = approvalReason(template, count, lease);
        Headroom room = headroom.of(group, template, authorizer.caller().userId());
        List<Estimate.Problem> problems = new ArrayList<>();
        if (room.capacity() < count) {
            problems.add(new Estimate.Problem("CapacityUnavailable", room.capacity() == 0
                    ? "There is no room left for this template in the group's reservations."
                    : "Only " + room.capacity() + " more machine(s) of this template fit in the group's reservations."));
        }
        if (room.quota() != null && room.quota() < count) {
            problems.add(new Estimate.Problem("QuotaExceeded", "You may have " + template.maxMachinesPerUser()
                    + " machine(s) of this template; " + room.quota() + " more are allowed."));
        }
        return new Estimate(templateId, group, count, lease, days, template.cost().currency(), perDay,
                Pricing.total(perDay, count, days), approvalReason != null, approvalReason, room.capacity(), room.quota(),
                problems.isEmpty(), problems);
    }

    /** Each template of the group the caller may see, with how many more they can order. */
    @Transactional(readOnly = true)
    public List<Headroom> headroomOf(UUID groupId, List<TemplateView> entitled) {
        UUID owner = authorizer.caller().userId();
        return entitled.stream().map(template -> headroom.of(groupId, template, owner)).toList();
    }

    /** Why a request of {@code count} machines for {@code leaseDays} days needs approval, or null if it does not. */
    static String approvalReason(TemplateView template, int count, Integer leaseDays) {
        ApprovalPolicy policy = template.approval();
        if (policy.mode() == ApprovalMode.ALWAYS) {
            return "Requests for this template always need a group administrator's approval.";
        }
        if (template.leaseDays() != null && (leaseDays == null || leaseDays > template.leaseDays())) {
            return "The lease asked for is longer than the template's " + template.leaseDays() + " days.";
        }
        if (policy.mode() == ApprovalMode.WHEN_EXCEEDS) {
            if (policy.maxCountWithoutApproval() != null && count > policy.maxCountWithoutApproval()) {
                return "More than " + policy.maxCountWithoutApproval() + " machine(s) at once need approval.";
            }
            if (policy.maxLeaseDaysWithoutApproval() != null
                    && (leaseDays == null || leaseDays > policy.maxLeaseDaysWithoutApproval())) {
                return "Leases longer than " + policy.maxLeaseDaysWithoutApproval() + " days need approval.";
            }
        }
        return null;
    }

    /** The group to estimate for: the one given (which must be entitled), or the caller's only entitled group. */
    private UUID groupFor(TemplateView template, UUID groupId) {
        Caller caller = authorizer.caller();
        if (groupId == null) {
            List<UUID> mine = template.entitledGroupIds().stream()
                    .filter(group -> groups.isMember(group, caller.userId())).toList();
            if (mine.size() != 1) {
                throw new FieldValidationException("groupId", mine.isEmpty()
                        ? "is required: you are in no group this template is entitled to"
                        : "is required: you are in several groups this template is entitled to");
            }
            groupId = mine.get(0);
        }
        UUID id = groupId;
        var group = groups.find(id).orElseThrow(() -> QmException.notFound("Group", id));
        authorizer.require(Operation.CAPACITY_READ, group.scope(), "Group", id);
        if (!template.entitledGroupIds().contains(groupId)) {
            throw new FieldValidationException("groupId", "template '" + template.name()
                    + "' is not entitled to group '" + group.name() + "'");
        }
        return groupId;
    }
}
