package io.quartermaster.cli.admin;

import io.quartermaster.api.workflows.DeployedWorkflow;
import io.quartermaster.api.workflows.MigrateWorkflow;
import io.quartermaster.api.workflows.MigrationResult;
import io.quartermaster.api.workflows.WorkflowInstanceView;
import io.quartermaster.api.workflows.WorkflowVersionView;
import io.quartermaster.api.workflows.WorkflowView;
import io.quartermaster.cli.Cli;
import io.quartermaster.cli.CliException;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qm workflows list|versions|instances|deploy|migrate}: the BPMN workflows machines run on
 * (tenant administrators read them; system administrators deploy and migrate).
 */
@Command(name = "workflows", description = "The BPMN workflows machines run on: versions, which machines run which, deploying and migrating.",
        footer = {"%nExamples:", "  qm workflows list", "  qm workflows versions machine-lifecycle",
            "  qm workflows deploy machine-lifecycle.bpmn20.xml", "  qm workflows migrate machine-lifecycle --to-version 3"})
public final class WorkflowCommand extends CommandGroup {

    private final Cli cli;

    WorkflowCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "list", description = "List workflows with their latest version and running instances.",
            footer = {"%nExample:", "  qm workflows list -o yaml"})
    int list(@Mixin ListingOptions listing) {
        cli.printer().list(cli.api().list("/api/v1/workflows", Query.of(), listing.limit()), listing.format(), WorkflowView.class,
                new Table<>(
                        Column.of("KEY", WorkflowView::key),
                        Column.flexible("NAME", WorkflowView::name),
                        Column.of("LATEST", WorkflowView::latestVersion),
                        Column.of("VERSIONS", WorkflowView::versions),
                        Column.of("RUNNING", WorkflowView::runningInstances)),
                "workflows");
        return ExitCodes.OK;
    }

    @Command(name = "versions", description = "List the versions of a workflow and how many instances run on each.",
            footer = {"%nExample:", "  qm workflows versions machine-lifecycle"})
    int versions(@Mixin ListingOptions listing, @Parameters(paramLabel = "KEY", description = "The workflow's key.") String key) {
        cli.printer().list(cli.api().list("/api/v1/workflows/" + key + "/versions", Query.of(), listing.limit()), listing.format(),
                WorkflowVersionView.class, versionTable(), "versions");
        return ExitCodes.OK;
    }

    @Command(name = "instances", description = "List which machines run a workflow, on which version, and where each waits.",
            footer = {"%nExamples:", "  qm workflows instances machine-lifecycle", "  qm workflows instances machine-lifecycle 2"})
    int instances(@Mixin ListingOptions listing,
            @Parameters(index = "0", paramLabel = "KEY", description = "The workflow's key.") String key,
            @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION", description = "Only instances of this version.") Integer version) {
        cli.printer().list(cli.api().list("/api/v1/workflows/" + key + "/instances", Query.of().with("version", version),
                listing.limit()), listing.format(), WorkflowInstanceView.class, new Table<>(
                        Column.of("MACHINE", WorkflowInstanceView::machineId),
                        Column.of("VERSION", WorkflowInstanceView::version),
                        Column.of("STARTED", instance -> Times.minutes(instance.startedAt())),
                        Column.flexible("WAITING IN", instance -> String.join(", ", instance.currentActivities())),
                        Column.optional("INSTANCE", WorkflowInstanceView::processInstanceId)),
                "instances");
        return ExitCodes.OK;
    }

    @Command(name = "deploy", description = {"Deploy a BPMN file as a new version of the workflows in it (system administrators).",
        "Machines started afterwards use it; running ones keep theirs until migrated. A file identical to the latest version deploys nothing."},
            footer = {"%nExample:", "  qm workflows deploy machine-lifecycle.bpmn20.xml --name 'longer reminders'"})
    int deploy(@Mixin OutputOption output, @Parameters(paramLabel = "FILE", description = "The BPMN 2.0 XML file.") Path file,
            @Option(names = "--name", paramLabel = "NAME", description = "The deployment's name (default: the file's).") String name) {
        byte[] xml;
        try {
            xml = Files.readAllBytes(file);
        } catch (IOException e) {
            throw CliException.usage("InvalidFile", "Cannot read " + file + ": " + e.getMessage());
        }
        var deployed = cli.api().postFile("/api/v1/workflows",
                Query.of().with("name", name != null ? name : String.valueOf(file.getFileName())), xml, "application/xml");
        if (output.format() == OutputFormat.table) {
            DeployedWorkflow result = Printer.as(deployed, DeployedWorkflow.class);
            cli.out().println(result.duplicate() ? "Unchanged: the file is the latest version already." : "Deployed:");
            cli.out().print(versionTable().render(result.versions(), cli.printer().width()));
            cli.out().flush();
        } else {
            cli.printer().raw(deployed, output.format());
        }
        return ExitCodes.OK;
    }

    @Command(name = "migrate", description = {"Move running machines to another version of a workflow (system administrators).",
        "Every chosen machine is checked first; if any cannot move, none is moved (MigrationInvalid)."},
            footer = {"%nExamples:", "  qm workflows migrate machine-lifecycle --to-version 3",
                "  qm workflows migrate machine-lifecycle --to-version 3 --from-version 2 --machine 0b6f… --machine 9a2c…"})
    int migrate(@Mixin OutputOption output, @Parameters(paramLabel = "KEY", description = "The workflow's key.") String key,
            @Option(names = "--to-version", required = true, paramLabel = "N", description = "The version to move to.") int toVersion,
            @Option(names = "--from-version", paramLabel = "N", description = "Only instances of this version (default: every other).") Integer fromVersion,
            @Option(names = "--machine", paramLabel = "MACHINE", description = "Only this machine (id or name); repeat for more (default: all).") List<String> machines) {
        List<String> machineIds = machines == null ? null
                : machines.stream().map(machine -> cli.lookup().machine(machine).toString()).toList();
        var migrated = cli.api().post("/api/v1/workflows/" + key + "/migrations", new MigrateWorkflow(toVersion, fromVersion, machineIds));
        cli.printer().one(migrated, output.format(), MigrationResult.class, result -> new Details()
                .add("Workflow", result.key())
                .add("Moved to", "version " + result.toVersion())
                .add("Migrated", result.migrated() + " instances" + (result.from().isEmpty() ? "" : " (" + result.from().stream()
                        .map(from -> from.instances() + " from version " + from.version()).collect(Collectors.joining(", ")) + ")"))
                .add("Already there", result.alreadyAtTarget()));
        return ExitCodes.OK;
    }

    private static Table<WorkflowVersionView> versionTable() {
        return new Table<>(
                Column.of("KEY", WorkflowVersionView::key),
                Column.of("VERSION", WorkflowVersionView::version),
                Column.flexible("NAME", WorkflowVersionView::name),
                Column.of("DEPLOYED", version -> Times.minutes(version.deployedAt())),
                Column.of("RUNNING", WorkflowVersionView::runningInstances),
                Column.flexible("DEPLOYMENT", WorkflowVersionView::deploymentName));
    }
}
