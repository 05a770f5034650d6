package io.quartermaster.cli.admin;

import io.quartermaster.api.agent.AgentView;
import io.quartermaster.cli.Cli;
import io.quartermaster.cli.CommandGroup;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.client.Query;
import io.quartermaster.cli.output.Column;
import io.quartermaster.cli.output.ListingOptions;
import io.quartermaster.cli.output.Table;
import io.quartermaster.cli.output.Times;
import java.util.UUID;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qm agents list} (tenant administrators): the host agents, their hosts, and whether they are heard from. */
@Command(name = "agents", description = "Host agents: which hosts each serves (primary or backup), when it was last heard from (tenant administrators).",
        footer = {"%nExamples:", "  qm agents list", "  qm agents list -o json | jq '.[] | select(.connected | not) | .name'"})
public final class AgentCommand extends CommandGroup {

    private final Cli cli;

    AgentCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "list", description = "List agents; a host marked * has this agent as its primary.",
            footer = {"%nExample:", "  qm agents list --limit 20"})
    int list(@Mixin ListingOptions listing,
            @Option(names = "--tenant", paramLabel = "TENANT_ID", description = "Only this tenant's agents (system administrators).") UUID tenant) {
        cli.printer().list(cli.api().list("/api/v1/agents", Query.of().with("tenantId", tenant), listing.limit()),
                listing.format(), AgentView.class, new Table<>(
                        Column.flexible("NAME", AgentView::name),
                        Column.of("CONNECTED", agent -> agent.revokedAt() != null ? "revoked" : agent.connected() ? "yes" : "no"),
                        Column.of("LAST SEEN", agent -> Times.seconds(agent.lastSeenAt())),
                        Column.flexible("HOSTS", agent -> agent.hosts() == null ? "" : agent.hosts().stream()
                                .map(host -> host.hostName() + (host.primary() ? "*" : "")).collect(Collectors.joining(", "))),
                        Column.of("VERSION", AgentView::version),
                        Column.optional("ID", AgentView::id)),
                "agents");
        return ExitCodes.OK;
    }
}
