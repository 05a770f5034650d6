package io.quartermaster.cli.admin;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.capacity.HostView;
import io.quartermaster.cli.Cli;
import io.quartermaster.cli.CommandGroup;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.client.Query;
import io.quartermaster.cli.output.Column;
import io.quartermaster.cli.output.Details;
import io.quartermaster.cli.output.ListingOptions;
import io.quartermaster.cli.output.OutputOption;
import io.quartermaster.cli.output.Table;
import io.quartermaster.cli.output.Times;
import java.util.UUID;
import java.util.function.ToLongFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qm hosts list|show} (tenant administrators): hosts and how much of them is reserved and used. */
@Command(name = "hosts", description = "Hosts and their capacity: reservable, reserved for groups, claimed by machines (tenant administrators).",
        footer = {"%nExamples:", "  qm hosts list", "  qm hosts show sim-host-01", "  qm hosts list -o json | jq '.[] | {name, state}'"})
public final class HostCommand extends CommandGroup {

    private final Cli cli;

    HostCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "list", description = {"List hosts with their state and capacity.",
        "CPU, MEMORY and DISK are claimed/reserved/reservable: what machines use, what reservations take, what the host offers."},
            footer = {"%nExample:", "  qm hosts list --tenant 6a1e…"})
    int list(@Mixin ListingOptions listing,
            @Option(names = "--tenant", paramLabel = "TENANT_ID", description = "Only this tenant's hosts (system administrators).") UUID tenant) {
        cli.printer().list(cli.api().list("/api/v1/hosts", Query.of().with("tenantId", tenant), listing.limit()),
                listing.format(), HostView.class, new Table<>(
                        Column.flexible("NAME", HostView::name),
                        Column.of("STATE", HostView::state),
                        Column.of("HYPERVISOR", HostView::hypervisorType),
                        Column.flexible("SITE", HostView::site),
                        Column.of("CPU", host -> used(host, Amounts::cpu)),
                        Column.of("MEMORY MiB", host -> used(host, Amounts::memoryMiB)),
                        Column.of("DISK GiB", host -> used(host, Amounts::diskGiB)),
                        Column.of("RESERVED", host -> host.capacity() == null ? "" : host.capacity().percentReserved() + "%"),
                        Column.of("ALERT", host -> host.capacity() == null ? "" : host.capacity().alert()),
                        Column.optional("ID", HostView::id)),
                "hosts");
        return ExitCodes.OK;
    }

    @Command(name = "show", description = "Show one host.", footer = {"%nExample:", "  qm hosts show sim-host-01"})
    int show(@Mixin OutputOption output, @Parameters(paramLabel = "HOST", description = "The host's id or name.") String host) {
        var view = cli.api().get("/api/v1/hosts/" + cli.lookup().host(host));
        cli.printer().one(view, output.format(), HostView.class, found -> new Details()
                .add("Name", found.name())
                .add("Id", found.id())
                .add("State", found.state() + (found.stateReason() == null ? "" : " (" + found.stateReason() + ")"))
                .add("Hypervisor", found.hypervisorType())
                .add("Site", found.site())
                .add("Tags", found.tags() == null ? null : String.join(", ", found.tags()))
                .add("Total", new Amounts(found.totalCpu(), found.totalMemoryMiB(), found.totalDiskGiB()))
                .add("Overcommit", found.overcommitRatio())
                .add("Reservable", found.capacity() == null ? null : found.capacity().reservable())
                .add("Reserved", found.capacity() == null ? null : found.capacity().reserved()
                        + " (" + found.capacity().percentReserved() + "%, " + found.capacity().alert() + ")")
                .add("Unreserved", found.capacity() == null ? null : found.capacity().unreserved())
                .add("Claimed", found.capacity() == null ? null : found.capacity().claimed())
                .add("Created", Times.minutes(found.createdAt())));
        return ExitCodes.OK;
    }

    /** {@code claimed/reserved/reservable} of one resource. */
    private static String used(HostView host, ToLongFunction<Amounts> resource) {
        if (host.capacity() == null) {
            return "";
        }
        return resource.applyAsLong(host.capacity().claimed()) + "/" + resource.applyAsLong(host.capacity().reserved())
                + "/" + resource.applyAsLong(host.capacity().reservable());
    }
}
