package io.quartermaster.server.portal;

import io.quartermaster.api.catalog.TemplateView;
import io.quartermaster.api.machines.ApprovalView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.catalog.TemplateDirectory;
import io.quartermaster.server.machines.ApprovalService;
import io.quartermaster.server.placement.Pricing;
import io.quartermaster.server.platform.web.PageParams;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The approvals queue as a group administrator reads it: what waits for them (with what it would cost),
 * their own requests waiting for someone else, and what was decided lately. Reads through the same
 * service as {@code GET /api/v1/approvals}, so each person sees exactly what the API shows them.
 */
@Component
class Approvals {

    static final int RECENT = 10;
    /** Permanent machines are priced per 30 days, as estimates price them. */
    static final int PERMANENT_PRICE_PERIOD_DAYS = 30;

    /** One approval with its cost for the lease (or the extension) at the template's rates. */
    public record Card(ApprovalView approval, Cost cost, boolean decidable, Refusal refusal) {
        Card withRefusal(Refusal problem) {
            return new Card(approval, cost, decidable, problem);
        }

        public boolean pending() {
            return "Pending".equals(approval.state());
        }

        public boolean extension() {
            return "LeaseExtension".equals(approval.kind());
        }
    }

    public record Cost(String currency, BigDecimal total, int days) {}

    public record Queue(List<Card> forYou, List<Card> yours, List<Card> decided) {}

    private final ApprovalService approvals;
    private final Authorizer authorizer;
    private final TemplateDirectory templates;

    Approvals(ApprovalService approvals, Authorizer authorizer, TemplateDirectory templates) {
        this.approvals = approvals;
        this.authorizer = authorizer;
        this.templates = templates;
    }

    long waitingForCaller() {
        return pending().stream().filter(this::decidable).count();
    }

    Queue queue() {
        List<ApprovalView> pending = pending();
        List<Card> decided = approvals.list("all", null, PageParams.of(0, PageParams.DEFAULT_SIZE)).items().stream()
                .filter(approval -> !"Pending".equals(approval.state()) && decidable(approval))
                .limit(RECENT).map(this::card).toList();
        return new Queue(pending.stream().filter(this::decidable).map(this::card).toList(),
                pending.stream().filter(approval -> !decidable(approval)).map(this::card).toList(), decided);
    }

    Card card(ApprovalView approval) {
        return new Card(approval, cost(approval).orElse(null), decidable(approval), null);
    }

    private List<ApprovalView> pending() {
        return approvals.list("Pending", null, PageParams.of(0, PageParams.MAX_SIZE)).items();
    }

    private boolean decidable(ApprovalView approval) {
        return authorizer.can(Operation.APPROVAL_DECIDE, Scope.group(approval.tenantId(), approval.groupId()));
    }

    /** Priced like an estimate: the lease, or 30 days for permanent machines; an extension for its days. */
    private Optional<Cost> cost(ApprovalView approval) {
        return templates.find(approval.templateId()).map(template -> {
            int days = "LeaseExtension".equals(approval.kind()) && approval.extensionDays() != null
                    ? approval.extensionDays() : leaseDays(template);
            return new Cost(template.cost().currency(),
                    Pricing.total(Pricing.perMachinePerDay(template), approval.count(), days), days);
        });
    }

    private static int leaseDays(TemplateView template) {
        return template.leaseDays() != null ? template.leaseDays() : PERMANENT_PRICE_PERIOD_DAYS;
    }
}
