package io.quartermaster.cli.catalog;

import io.quartermaster.api.catalog.ApprovalPolicy;
import io.quartermaster.api.catalog.CostProfile;
import io.quartermaster.api.catalog.TemplateView;
import io.quartermaster.cli.Cli;
import io.quartermaster.cli.CommandGroup;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.client.Json;
import io.quartermaster.cli.client.Query;
import io.quartermaster.cli.output.Column;
import io.quartermaster.cli.output.Details;
import io.quartermaster.cli.output.ListingOptions;
import io.quartermaster.cli.output.OutputFormat;
import io.quartermaster.cli.output.OutputOption;
import io.quartermaster.cli.output.Table;
import io.quartermaster.cli.output.Times;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code qm templates list|show|create|apply}: what can be ordered, and (administrators) shaping it. */
@Command(name = "templates", description = "Templates machines are built from: what you can order, and for administrators their definitions.",
        footer = {"%nExamples:", "  qm templates list", "  qm templates show 'Small test machine'",
            "  qm templates apply -f build-server.yaml"})
public final class TemplateCommand extends CommandGroup {

    private final Cli cli;

    TemplateCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "list", description = "List the templates you can see (users: those offered to their groups).",
            footer = {"%nExamples:", "  qm templates list", "  qm templates list --group 'Quality Assurance' -o json"})
    int list(@Mixin ListingOptions listing,
            @Option(names = "--group", paramLabel = "GROUP", description = "Only templates offered to this group (id or name).") String group) {
        Query query = Query.of().with("groupId", group == null ? null : cli.lookup().group(group));
        cli.printer().list(cli.api().list("/api/v1/templates", query, listing.limit()), listing.format(), TemplateView.class,
                new Table<>(
                        Column.flexible("NAME", TemplateView::name),
                        Column.of("CPU", TemplateView::cpu),
                        Column.of("MEMORY", template -> template.memoryMiB() + " MiB"),
                        Column.of("DISK", template -> template.diskGiB() + " GiB"),
                        Column.of("LEASE", TemplateCommand::lease),
                        Column.of("APPROVAL", template -> template.approval() == null ? "" : template.approval().mode()),
                        Column.optional("ID", TemplateView::id)),
                "templates");
        return ExitCodes.OK;
    }

    @Command(name = "show", description = "Show one template: size, image, lease, approval policy, properties, groups and cost.",
            footer = {"%nExamples:", "  qm templates show 'Small test machine'", "  qm templates show 4f1c… -o yaml > template.yaml"})
    int show(@Mixin OutputOption output,
            @Parameters(paramLabel = "TEMPLATE", description = "The template's id or name.") String template) {
        JsonNode view = cli.lookup().templateView(template);
        cli.printer().one(view, output.format(), TemplateView.class, this::details);
        return ExitCodes.OK;
    }

    @Command(name = "create", description = {"Create templates from a file (YAML or JSON): one template, or a list of them.",
        "Fields as in POST /api/v1/templates; entitledGroupIds may name groups instead of ids."},
            footer = {"%nExample:", "  qm templates create -f build-server.yaml", "", "build-server.yaml:",
                "  name: Build server 8 GB", "  cpu: 4", "  memoryMiB: 8192", "  disks: [{sizeGiB: 40, role: system}]",
                "  imageRef: debian-12-build", "  hypervisorType: simulator", "  leaseDays: 14",
                "  approval: {mode: WHEN_EXCEEDS, maxCountWithoutApproval: 2}",
                "  entitledGroupIds: [Research and Development Virtual Lab]"})
    int create(@Mixin OutputOption output, @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "The template file, YAML or JSON ('-' reads standard input).") Path file) {
        return write(output, file, false);
    }

    @Command(name = "apply", description = {"Create or update templates from a file (YAML or JSON), by name:",
        "a template of that name you can see is changed (fields left out keep their value), otherwise one is created."},
            footer = {"%nExamples:", "  qm templates apply -f build-server.yaml",
                "  qm templates show 'Build server 8 GB' -o yaml | sed 's/leaseDays: 14/leaseDays: 7/' | qm templates apply -f -"})
    int apply(@Mixin OutputOption output, @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "The template file, YAML or JSON ('-' reads standard input).") Path file) {
        return write(output, file, true);
    }

    private int write(OutputOption output, Path file, boolean updateExisting) {
        TemplateFile templates = new TemplateFile(cli);
        List<ObjectNode> written = new ArrayList<>();
        for (ObjectNode template : templates.read(file)) {
            var result = templates.write(template, updateExisting);
            written.add(result.template());
            if (output.format() == OutputFormat.table) {
                cli.out().println("template '" + result.template().path("name").asString() + "' " + result.outcome()
                        + " (" + result.template().path("id").asString() + ")");
            }
        }
        if (output.format() != OutputFormat.table) {
            cli.printer().raw(Json.json().valueToTree(written), output.format());
        }
        return ExitCodes.OK;
    }

    private Details details(TemplateView template) {
        Map<UUID, String> groups = cli.lookup().groupNames();
        return new Details()
                .add("Name", template.name())
                .add("Id", template.id())
                .add("Description", template.description())
                .add("Size", template.cpu() + " cpu, " + template.memoryMiB() + " MiB memory, " + template.diskGiB()
                        + " GiB disk (" + template.disks().stream().map(disk -> disk.role() + " " + disk.sizeGiB() + " GiB")
                                .collect(Collectors.joining(", ")) + ")")
                .add("Image", template.imageRef())
                .add("Hypervisor", template.hypervisorType())
                .add("Lease", lease(template))
                .add("Tombstone", days(template.tombstoneDays()))
                .add("Approval", approval(template.approval()))
                .add("Per user", template.maxMachinesPerUser() == null ? "no limit" : "at most " + template.maxMachinesPerUser())
                .add("Naming prefix", template.namingPrefix())
                .list("Properties", template.customProperties().stream().map(property -> property.name() + " = "
                        + property.value() + (Boolean.TRUE.equals(property.userEditable()) ? " (you may set it)" : "")).toList())
                .list("Groups", template.entitledGroupIds().stream()
                        .map(id -> groups.containsKey(id) ? groups.get(id) + " (" + id + ")" : id.toString()).toList())
                .add("Cost per day", cost(template.cost()))
                .add("Created", Times.minutes(template.createdAt()))
                .add("Version", template.version());
    }

    static String lease(TemplateView template) {
        return template.permanent() || template.leaseDays() == null ? "permanent" : days(template.leaseDays());
    }

    static String days(int days) {
        return days == 1 ? "1 day" : days + " days";
    }

    private static String approval(ApprovalPolicy policy) {
        if (policy == null) {
            return null;
        }
        return switch (policy.mode()) {
            case NEVER -> "never";
            case ALWAYS -> "always";
            case WHEN_EXCEEDS -> "when " + String.join(" or ", Stream.of(
                    policy.maxCountWithoutApproval() == null ? null : "more than " + policy.maxCountWithoutApproval() + " machines",
                    policy.maxLeaseDaysWithoutApproval() == null ? null : "a lease over " + policy.maxLeaseDaysWithoutApproval() + " days")
                    .filter(Objects::nonNull).toList());
        };
    }

    private static String cost(CostProfile cost) {
        if (cost == null) {
            return null;
        }
        List<String> rates = new ArrayList<>();
        if (cost.perCpuDay() != null) {
            rates.add(cost.perCpuDay().toPlainString() + " per cpu");
        }
        if (cost.perGiBMemoryDay() != null) {
            rates.add(cost.perGiBMemoryDay().toPlainString() + " per GiB memory");
        }
        if (cost.perGiBDiskDay() != null) {
            rates.add(cost.perGiBDiskDay().toPlainString() + " per GiB disk");
        }
        if (cost.perMachineDay() != null) {
            rates.add(cost.perMachineDay().toPlainString() + " per machine");
        }
        return rates.isEmpty() ? "free" : cost.currency() + " " + String.join(", ", rates);
    }
}
