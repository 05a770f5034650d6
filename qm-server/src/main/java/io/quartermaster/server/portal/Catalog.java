package io.quartermaster.server.portal;

import io.quartermaster.api.catalog.ApprovalMode;
import io.quartermaster.api.catalog.ApprovalPolicy;
import io.quartermaster.api.catalog.Estimate;
import io.quartermaster.api.catalog.TemplateView;
import io.quartermaster.api.tenancy.CurrentUserView;
import io.quartermaster.api.tenancy.GroupView;
import io.quartermaster.server.catalog.TemplateService;
import io.quartermaster.server.placement.EstimateService;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.web.PageParams;
import io.quartermaster.server.tenancy.GroupService;
import io.quartermaster.server.tenancy.UserService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What a person may order, group by group: each group they belong to (a tenant administrator: each
 * group of the tenant) with the templates it is entitled to, each with the price of one machine for its
 * lease, whether it needs approval, and how many more they can order. Reads through the services behind
 * {@code GET /api/v1/templates} and {@code GET /api/v1/templates/{id}/estimate}.
 */
@Component
class Catalog {

    /** A template as offered to one group; {@code problem} when its estimate was refused. */
    public record Entry(UUID groupId, TemplateView template, Estimate estimate, Refusal problem) {

        /** Ordering one machine for the template's lease needs a group administrator's approval. */
        public boolean padlock() {
            return estimate != null && estimate.approvalRequired();
        }

        /** When approval is needed only beyond some limits, which ones. */
        public String approvalLimits() {
            ApprovalPolicy policy = template.approval();
            if (policy.mode() != ApprovalMode.WHEN_EXCEEDS || padlock()) {
                return null;
            }
            List<String> limits = new ArrayList<>();
            if (policy.maxCountWithoutApproval() != null) {
                limits.add("more than " + policy.maxCountWithoutApproval() + " at once");
            }
            if (policy.maxLeaseDaysWithoutApproval() != null) {
                limits.add("leases over " + policy.maxLeaseDaysWithoutApproval() + " days");
            }
            return limits.isEmpty() ? null : "Approval needed for " + String.join(" or ", limits) + ".";
        }

        /** "You can order N more": the smaller of what fits and what the per-person limit leaves. */
        public int canOrder() {
            if (estimate == null) {
                return 0;
            }
            return estimate.quotaRemaining() == null ? estimate.capacityHeadroom()
                    : Math.min(estimate.capacityHeadroom(), estimate.quotaRemaining());
        }
    }

    public record Section(UUID groupId, String groupName, List<Entry> entries) {}

    private final UserService users;
    private final GroupService groups;
    private final TemplateService templates;
    private final EstimateService estimates;

    Catalog(UserService users, GroupService groups, TemplateService templates, EstimateService estimates) {
        this.users = users;
        this.groups = groups;
        this.templates = templates;
        this.estimates = estimates;
    }

    List<Section> sections() {
        List<Section> sections = new ArrayList<>();
        orderGroups().forEach((groupId, name) -> sections.add(new Section(groupId, name,
                templates.list(groupId, PageParams.of(0, PageParams.MAX_SIZE)).items().stream()
                        .sorted(Comparator.comparing(TemplateView::name, String.CASE_INSENSITIVE_ORDER))
                        .map(template -> entry(groupId, template, 1)).toList())));
        return sections;
    }

    /** The template as offered to the group, for {@code count} machines. */
    Entry entry(UUID groupId, TemplateView template, int count) {
        try {
            return new Entry(groupId, template, estimates.estimate(template.id(), groupId, count, null), null);
        } catch (QmException refused) {
            return new Entry(groupId, template, null, Refusal.of(refused));
        }
    }

    /** The caller's groups in the order of their memberships, then (tenant administrators) the tenant's others. */
    private Map<UUID, String> orderGroups() {
        CurrentUserView me = users.me();
        Map<UUID, String> result = new LinkedHashMap<>();
        me.memberships().forEach(membership -> result.put(membership.groupId(), membership.groupName()));
        if (me.user().tenantAdmin() && me.user().tenantId() != null) {
            groups.list(me.user().tenantId(), PageParams.of(0, PageParams.MAX_SIZE)).items().stream()
                    .sorted(Comparator.comparing(GroupView::name, String.CASE_INSENSITIVE_ORDER))
                    .forEach(group -> result.putIfAbsent(group.id(), group.name()));
        }
        return result;
    }
}
