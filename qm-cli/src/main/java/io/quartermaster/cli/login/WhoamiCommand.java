package io.quartermaster.cli.login;

import io.quartermaster.api.tenancy.CurrentUserView;
import io.quartermaster.cli.Cli;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.output.Details;
import io.quartermaster.cli.output.OutputOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code qm whoami}: who the token belongs to, on which server, with their tenant and groups. */
@Command(name = "whoami", description = "Show who you are on the current server: user, tenant, roles and groups.",
        footer = {"%nExamples:", "  qm whoami", "  qm whoami -o json | jq -r '.memberships[].groupName'"})
public final class WhoamiCommand implements Callable<Integer> {

    private final Cli cli;

    @Mixin
    OutputOption output;

    WhoamiCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        var me = cli.api().get("/api/v1/users/me");
        cli.printer().one(me, output.format(), CurrentUserView.class, view -> {
            List<String> roles = new ArrayList<>();
            if (view.user().systemAdmin()) {
                roles.add("system administrator");
            }
            if (view.user().tenantAdmin()) {
                roles.add("tenant administrator");
            }
            return new Details()
                    .add("Server", cli.connection().server())
                    .add("User", view.user().username())
                    .add("Name", view.user().displayName())
                    .add("E-mail", view.user().email())
                    .add("Tenant", view.tenantName())
                    .add("Roles", String.join(", ", roles))
                    .list("Groups", view.memberships().stream()
                            .map(group -> group.groupName() + " (" + group.role() + ", " + group.groupId() + ")").toList());
        });
        return ExitCodes.OK;
    }
}
