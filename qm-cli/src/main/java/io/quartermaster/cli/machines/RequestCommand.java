package io.quartermaster.cli.machines;

import io.quartermaster.api.catalog.Estimate;
import io.quartermaster.api.machines.CreateRequest;
import io.quartermaster.api.machines.RequestView;
import io.quartermaster.api.tenancy.CurrentUserView;
import io.quartermaster.cli.Cli;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.client.Query;
import io.quartermaster.cli.output.Details;
import io.quartermaster.cli.output.OutputFormat;
import io.quartermaster.cli.output.OutputOption;
import io.quartermaster.cli.output.Printer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code qm request TEMPLATE}: orders machines, and with {@code --wait} follows them until they are Active. */
@Command(name = "request", description = {"Order machines from a template for one of your groups.",
    "Capacity is claimed at once; the template's policy may send the request for approval first."},
        footer = {"%nExamples:", "  qm request 'Small test machine' --wait",
            "  qm request 'Omni 3.2 Server 1 GB 10 GB' --group 'Quality Assurance' -n 2 -p BuildType=Debug --reason 'release test'",
            "  qm request 'Build server 4 GB' --count 3 --dry-run            # price, approval and headroom, nothing ordered",
            "  qm request 'Small test machine' --wait -o json | jq -r '.machines[].name'"})
public final class RequestCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "TEMPLATE", description = "The template's id or name.")
    String template;

    @Option(names = {"-g", "--group"}, paramLabel = "GROUP",
            description = "The group to order for (id or name); needed when the template is offered to several of your groups.")
    String group;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "1", description = "How many machines (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = {"-p", "--property"}, paramLabel = "KEY=VALUE", description = "A custom property the template lets you set; repeat for more.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the approver and the record.")
    String reason;

    @Option(names = "--dry-run", description = "Only show the price, whether approval is needed and the headroom; order nothing.")
    boolean dryRun;

    @Mixin
    WaitOptions waiting;

    @Mixin
    OutputOption output;

    RequestCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        waiting.check();
        JsonNode templateView = cli.lookup().templateView(template);
        UUID templateId = UUID.fromString(templateView.path("id").asString());
        UUID groupId = group != null ? cli.lookup().group(group) : onlyGroupFor(templateView);
        if (dryRun) {
            return estimate(templateId, groupId);
        }
        JsonNode request = cli.api().post("/api/v1/requests",
                new CreateRequest(templateId, groupId, count, properties.isEmpty() ? null : properties, reason));
        UUID requestId = UUID.fromString(request.path("id").asString());
        if (output.format() == OutputFormat.table) {
            RequestView view = Printer.as(request, RequestView.class);
            cli.out().println("Request " + view.id() + ": " + view.count() + " x '" + view.templateName() + "'"
                    + (view.approvalRequired() ? ", waiting for approval" : ""));
            cli.out().flush();
        }
        if (waiting.enabled()) {
            request = new RequestWatcher(cli, waiting).untilActive(requestId, request);
        }
        if (output.format() == OutputFormat.table) {
            RequestView view = Printer.as(request, RequestView.class);
            cli.out().print(MachineFormats.table().render(view.machines(), cli.printer().width()));
            cli.out().flush();
        } else {
            cli.printer().raw(request, output.format());
        }
        return ExitCodes.OK;
    }

    /** The one group of the caller's that the template is offered to. */
    private UUID onlyGroupFor(JsonNode templateView) {
        CurrentUserView me = Printer.as(cli.api().get("/api/v1/users/me"), CurrentUserView.class);
        List<String> offered = templateView.path("entitledGroupIds").valueStream().map(JsonNode::asString).toList();
        List<CurrentUserView.Membership> mine = me.memberships().stream()
                .filter(membership -> offered.contains(membership.groupId().toString())).toList();
        if (mine.size() == 1) {
            return mine.get(0).groupId();
        }
        if (mine.isEmpty()) {
            throw CliException.usage("NoGroup", "Template '" + templateView.path("name").asString()
                    + "' is offered to none of your groups: name one with --group.");
        }
        throw CliException.usage("GroupNeeded", "Template '" + templateView.path("name").asString()
                + "' is offered to several of your groups: pick one with --group ("
                + String.join(", ", mine.stream().map(membership -> "'" + membership.groupName() + "'").toList()) + ").");
    }

    private int estimate(UUID templateId, UUID groupId) {
        JsonNode answer = cli.api().get("/api/v1/templates/" + templateId + "/estimate",
                Query.of().with("groupId", groupId).with("count", count));
        cli.printer().one(answer, output.format(), Estimate.class, estimate -> new Details()
                .add("Machines", estimate.count())
                .add("Price", estimate.totalPrice() == null ? null : estimate.currency() + " " + estimate.totalPrice().toPlainString()
                        + " for " + estimate.pricePeriodDays() + (estimate.pricePeriodDays() == 1 ? " day (" : " days (") + estimate.pricePerMachinePerDay().toPlainString()
                        + " per machine per day)")
                .add("Approval", estimate.approvalRequired() ? "needed" + (estimate.approvalReason() == null ? ""
                        : ": " + estimate.approvalReason()) : "not needed")
                .add("Capacity", estimate.capacityHeadroom() + " more fit in the group's reservations")
                .add("Your quota", estimate.quotaRemaining() == null ? "no limit" : estimate.quotaRemaining() + " more")
                .add("Allowed", estimate.allowed() ? "yes" : "no")
                .list("Problems", estimate.problems() == null ? List.of() : estimate.problems().stream()
                        .map(problem -> problem.reason() + ": " + problem.message()).toList()));
        Estimate estimate = Printer.as(answer, Estimate.class);
        if (!estimate.allowed() && estimate.problems() != null && !estimate.problems().isEmpty()) {
            Estimate.Problem first = estimate.problems().get(0);
            throw new CliException(ExitCodes.CONFLICT, first.reason(), first.message());
        }
        return ExitCodes.OK;
    }
}
