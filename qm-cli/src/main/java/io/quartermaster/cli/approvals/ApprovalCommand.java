package io.quartermaster.cli.approvals;

import io.quartermaster.api.machines.ApprovalView;
import io.quartermaster.api.machines.Decision;
import io.quartermaster.cli.Cli;
import io.quartermaster.cli.CommandGroup;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.client.Query;
import io.quartermaster.cli.output.Column;
import io.quartermaster.cli.output.Details;
import io.quartermaster.cli.output.ListingOptions;
import io.quartermaster.cli.output.OutputFormat;
import io.quartermaster.cli.output.OutputOption;
import io.quartermaster.cli.output.Printer;
import io.quartermaster.cli.output.Table;
import io.quartermaster.cli.output.Times;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code qm approvals list|show|approve|reject}: requests and lease extensions waiting for a group administrator. */
@Command(name = "approvals", description = "Requests and lease extensions waiting for a decision: group administrators decide, requesters see their own.",
        footer = {"%nExamples:", "  qm approvals list", "  qm approvals approve 7c0e…", "  qm approvals reject 7c0e… --reason 'use the QA group'"})
public final class ApprovalCommand extends CommandGroup {

    /** The states GET /api/v1/approvals filters by. */
    enum ApprovalState { Pending, Approved, Rejected, Expired, all }

    private final Cli cli;

    ApprovalCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "list", description = "List approvals: pending ones by default.",
            footer = {"%nExamples:", "  qm approvals list", "  qm approvals list --state all --group 'Quality Assurance' -o yaml"})
    int list(@Mixin ListingOptions listing,
            @Option(names = "--state", paramLabel = "STATE", defaultValue = "Pending",
                    description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).") ApprovalState state,
            @Option(names = "--group", paramLabel = "GROUP", description = "Only this group's (id or name).") String group) {
        Query query = Query.of().with("state", state).with("groupId", group == null ? null : cli.lookup().group(group));
        cli.printer().list(cli.api().list("/api/v1/approvals", query, listing.limit()), listing.format(), ApprovalView.class,
                new Table<>(
                        Column.of("ID", ApprovalView::id),
                        Column.of("KIND", ApprovalView::kind),
                        Column.of("STATE", ApprovalView::state),
                        Column.flexible("REQUESTER", ApprovalView::requester),
                        Column.flexible("GROUP", ApprovalView::groupName),
                        Column.flexible("TEMPLATE", ApprovalView::templateName),
                        Column.of("COUNT", approval -> approval.extensionDays() == null ? approval.count()
                                : "+" + approval.extensionDays() + "d"),
                        Column.flexible("REASON", ApprovalView::reason),
                        Column.of("EXPIRES", approval -> Times.minutes(approval.expiresAt()))),
                "approvals");
        return ExitCodes.OK;
    }

    @Command(name = "show", description = "Show one approval.", footer = {"%nExample:", "  qm approvals show 7c0e…"})
    int show(@Mixin OutputOption output, @Parameters(paramLabel = "APPROVAL", description = "The approval's id.") UUID id) {
        cli.printer().one(cli.api().get("/api/v1/approvals/" + id), output.format(), ApprovalView.class, this::details);
        return ExitCodes.OK;
    }

    @Command(name = "approve", description = "Approve: the request's machines are built, or the lease is extended.",
            footer = {"%nExample:", "  qm approvals approve 7c0e… --reason 'ok for the release'"})
    int approve(@Mixin OutputOption output, @Parameters(paramLabel = "APPROVAL", description = "The approval's id.") UUID id,
            @Option(names = "--reason", paramLabel = "TEXT", description = "Your words, for the requester and the record.") String reason) {
        return decide(output, id, "approve", reason);
    }

    @Command(name = "reject", description = "Reject: the request's machines are not built (their capacity goes back), or the lease stays.",
            footer = {"%nExample:", "  qm approvals reject 7c0e… --reason 'use the QA group for this'"})
    int reject(@Mixin OutputOption output, @Parameters(paramLabel = "APPROVAL", description = "The approval's id.") UUID id,
            @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the requester (required).") String reason) {
        return decide(output, id, "reject", reason);
    }

    private int decide(OutputOption output, UUID id, String decision, String reason) {
        JsonNode decided = cli.api().post("/api/v1/approvals/" + id + "/" + decision, new Decision(reason));
        if (output.format() == OutputFormat.table) {
            ApprovalView view = Printer.as(decided, ApprovalView.class);
            cli.out().println("Approval " + view.id() + " (" + view.kind() + " by " + view.requester() + "): " + view.state());
            cli.out().flush();
        } else {
            cli.printer().raw(decided, output.format());
        }
        return ExitCodes.OK;
    }

    private Details details(ApprovalView approval) {
        return new Details()
                .add("Id", approval.id())
                .add("Kind", approval.kind())
                .add("State", approval.state())
                .add("Requester", approval.requester())
                .add("Group", approval.groupName())
                .add("Template", approval.templateName())
                .add("Machines", approval.extensionDays() == null ? approval.count() : null)
                .add("Extension", approval.extensionDays() == null ? null : approval.extensionDays() + " days")
                .add("Machine", approval.machineId())
                .add("Request", approval.requestId())
                .add("Size", approval.cpu() + " cpu, " + approval.memoryMiB() + " MiB memory, " + approval.diskGiB() + " GiB disk")
                .map("Properties", approval.properties())
                .add("Reason", approval.reason())
                .add("Asked", Times.minutes(approval.createdAt()))
                .add("Expires", Times.withDistance(approval.expiresAt(), cli.clock()))
                .add("Decided by", approval.decidedBy())
                .add("Decided", Times.minutes(approval.decidedAt()))
                .add("Decision", approval.decisionReason());
    }
}
