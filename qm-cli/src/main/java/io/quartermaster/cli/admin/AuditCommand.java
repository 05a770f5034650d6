package io.quartermaster.cli.admin;

import io.quartermaster.api.audit.AuditEventView;
import io.quartermaster.cli.Cli;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.TimeArguments;
import io.quartermaster.cli.client.Query;
import io.quartermaster.cli.output.Column;
import io.quartermaster.cli.output.ListingOptions;
import io.quartermaster.cli.output.Table;
import io.quartermaster.cli.output.Times;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qm audit}: the audit trail, newest first, with the API's filters. */
@Command(name = "audit", description = "The audit trail, newest first: who did what to which object, and how it ended (group administrators and up).",
        footer = {"%nExamples:", "  qm audit --since 1d", "  qm audit --actor uma --action request.create",
            "  qm audit --outcome CapacityUnavailable -o json", "  qm audit --target-type Machine --target-id 0b6f…"})
public final class AuditCommand implements Callable<Integer> {

    private final Cli cli;

    @Mixin
    ListingOptions listing;

    @Option(names = "--actor", paramLabel = "USERNAME", description = "Only what this user did.")
    String actor;

    @Option(names = "--action", paramLabel = "ACTION", description = "Only this action, e.g. request.create, machine.power-off.")
    String action;

    @Option(names = "--target-type", paramLabel = "TYPE", description = "Only actions on this kind of object, e.g. Machine, Template.")
    String targetType;

    @Option(names = "--target-id", paramLabel = "ID", description = "Only actions on this object.")
    String targetId;

    @Option(names = "--outcome", paramLabel = "OUTCOME", description = "Success, or a refusal's reason such as Forbidden.")
    String outcome;

    @Option(names = "--request-id", paramLabel = "ID", description = "Only what one API call did (its X-Request-Id).")
    String requestId;

    @Option(names = "--tenant", paramLabel = "TENANT_ID", description = "Only this tenant's (system administrators).")
    UUID tenant;

    @Option(names = "--group", paramLabel = "GROUP", description = "Only this group's (id or name).")
    String group;

    @Option(names = "--since", paramLabel = "WHEN", description = "From then on: 2030-01-31, 2030-01-31T12:00:00Z, or a distance back: 1d, 2h.")
    String since;

    @Option(names = "--until", paramLabel = "WHEN", description = "Up to then, as --since.")
    String until;

    AuditCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        Query query = Query.of().with("actor", actor).with("action", action).with("targetType", targetType)
                .with("targetId", targetId).with("outcome", outcome).with("requestId", requestId).with("tenantId", tenant)
                .with("groupId", group == null ? null : cli.lookup().group(group))
                .with("since", TimeArguments.beforeNow("--since", since, cli.clock()))
                .with("until", TimeArguments.beforeNow("--until", until, cli.clock()));
        cli.printer().list(cli.api().list("/api/v1/audit", query, listing.limit()), listing.format(), AuditEventView.class,
                new Table<>(
                        Column.of("AT", event -> Times.seconds(event.at())),
                        Column.flexible("ACTOR", AuditEventView::actor),
                        Column.of("ROLE", AuditEventView::role),
                        Column.of("ACTION", AuditEventView::action),
                        Column.flexible("TARGET", event -> event.targetType() + " " + event.targetId()),
                        Column.of("OUTCOME", AuditEventView::outcome),
                        Column.flexible("DETAILS", AuditEventView::details)),
                "audit events");
        return ExitCodes.OK;
    }
}
