package io.quartermaster.cli.admin;

import io.quartermaster.api.capacity.ReservationView;
import io.quartermaster.cli.Cli;
import io.quartermaster.cli.CommandGroup;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.client.Query;
import io.quartermaster.cli.output.Column;
import io.quartermaster.cli.output.Details;
import io.quartermaster.cli.output.ListingOptions;
import io.quartermaster.cli.output.OutputFormat;
import io.quartermaster.cli.output.OutputOption;
import io.quartermaster.cli.output.Table;
import io.quartermaster.cli.output.Times;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qm reservations list|show} (group administrators and up): slices of hosts for groups, and how full they are. */
@Command(name = "reservations", description = "Reservations: a share of one host for one group, and how much of it is used (group administrators see their groups').",
        footer = {"%nExamples:", "  qm reservations list", "  qm reservations list --host sim-host-01",
            "  qm reservations show 'R&D on sim-host-01'"})
public final class ReservationCommand extends CommandGroup {

    private final Cli cli;

    ReservationCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "list", description = "List reservations with their size and usage.",
            footer = {"%nExample:", "  qm reservations list --group 'Quality Assurance' -o yaml"})
    int list(@Mixin ListingOptions listing,
            @Option(names = "--host", paramLabel = "HOST", description = "Only this host's (id or name).") String host,
            @Option(names = "--group", paramLabel = "GROUP", description = "Only this group's (id or name).") String group) {
        Query query = Query.of().with("hostId", host == null ? null : cli.lookup().host(host))
                .with("groupId", group == null ? null : cli.lookup().group(group));
        var reservations = cli.api().list("/api/v1/reservations", query, listing.limit());
        Map<UUID, String> groups = listing.format() == OutputFormat.table && !reservations.items().isEmpty()
                ? cli.lookup().groupNames() : Map.of();
        cli.printer().list(reservations, listing.format(), ReservationView.class, new Table<>(
                Column.flexible("NAME", ReservationView::name),
                Column.flexible("HOST", ReservationView::hostName),
                Column.flexible("GROUP", reservation -> groups.getOrDefault(reservation.groupId(), String.valueOf(reservation.groupId()))),
                Column.of("CPU", ReservationView::cpu),
                Column.of("MEMORY MiB", ReservationView::memoryMiB),
                Column.of("DISK GiB", ReservationView::diskGiB),
                Column.of("MACHINES", reservation -> reservation.usage() == null ? reservation.maxMachines()
                        : reservation.usage().claimedMachines() + "/" + reservation.maxMachines()),
                Column.of("PRIORITY", ReservationView::priority),
                Column.of("USED", reservation -> reservation.usage() == null ? "" : reservation.usage().percentUsed() + "%"),
                Column.of("ALERT", reservation -> reservation.usage() == null ? "" : reservation.usage().alert()),
                Column.optional("ID", ReservationView::id)), "reservations");
        return ExitCodes.OK;
    }

    @Command(name = "show", description = "Show one reservation with its usage.",
            footer = {"%nExample:", "  qm reservations show 'R&D on sim-host-01'"})
    int show(@Mixin OutputOption output,
            @Parameters(paramLabel = "RESERVATION", description = "The reservation's id or name.") String reservation) {
        UUID id = cli.lookup().reservation(reservation);
        cli.printer().one(cli.api().get("/api/v1/reservations/" + id), output.format(), ReservationView.class, found -> new Details()
                .add("Name", found.name())
                .add("Id", found.id())
                .add("Host", found.hostName())
                .add("Group", cli.lookup().groupNames().getOrDefault(found.groupId(), String.valueOf(found.groupId())))
                .add("Size", found.cpu() + " cpu, " + found.memoryMiB() + " MiB memory, " + found.diskGiB() + " GiB disk, "
                        + found.maxMachines() + " machines")
                .add("Priority", found.priority())
                .add("Overcommit", found.overcommitRatio())
                .add("Preemptible", found.preemptible() ? "yes" : null)
                .add("Alerts at", found.warningPercent() + "% (warning), " + found.criticalPercent() + "% (critical)")
                .add("Limit", found.usage() == null ? null : found.usage().limit())
                .add("Claimed", found.usage() == null ? null : found.usage().claimed() + ", " + found.usage().claimedMachines() + " machines")
                .add("Free", found.usage() == null ? null : found.usage().free() + ", " + found.usage().freeMachines() + " machines")
                .add("Used", found.usage() == null ? null : found.usage().percentUsed() + "% (" + found.usage().alert() + ")")
                .add("Created", Times.minutes(found.createdAt())));
        return ExitCodes.OK;
    }
}
