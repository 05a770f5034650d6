package io.quartermaster.server.demo;

import io.quartermaster.api.tenancy.GroupRole;
import io.quartermaster.server.tenancy.TenancySeeder;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Dev mode's demo data: the Acme tenant with two groups and a person in each role, plus a second tenant
 * (Globex) to try what crosses tenants. Loaded when {@code qm.demo-data=true}; idempotent, so a restart
 * keeps what was changed since. Later features add their own demo objects to these.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "qm.demo-data", havingValue = "true")
public class DemoData implements ApplicationRunner {

    public static final String RND_LAB = "Research and Development Virtual Lab";
    public static final String QA = "Quality Assurance";

    /** A demo login, printed at start and listed in README.md. Passwords equal usernames. */
    public record Login(String username, String role) {
        public String password() {
            return username;
        }
    }

    public static final List<Login> LOGINS = List.of(
            new Login("admin", "system administrator"),
            new Login("tina", "tenant administrator of Acme"),
            new Login("gary", "group administrator of '" + RND_LAB + "'"),
            new Login("uma", "user in both Acme groups"),
            new Login("otto", "tenant administrator of Globex (another tenant)"));

    private final TenancySeeder seed;

    DemoData(TenancySeeder seed) {
        this.seed = seed;
    }

    @Override
    public void run(ApplicationArguments args) {
        UUID acme = seed.tenant("acme", "Acme Corporation");
        UUID lab = seed.group(acme, RND_LAB, "Virtual machines for research and development experiments.");
        UUID qa = seed.group(acme, QA, "Test machines for the quality assurance team.");
        seed.user(acme, "tina", "Tina Tenant-Admin", "tina@acme.example", "tina", true);
        seed.user(acme, "gary", "Gary Group-Admin", "gary@acme.example", "gary", false);
        seed.user(acme, "uma", "Uma User", "uma@acme.example", "uma", false);
        seed.member(lab, "gary", GroupRole.GROUP_ADMIN);
        seed.member(lab, "uma", GroupRole.USER);
        seed.member(qa, "uma", GroupRole.USER);

        UUID globex = seed.tenant("globex", "Globex Inc.");
        UUID ops = seed.group(globex, "Operations", "Globex operations team.");
        seed.user(globex, "otto", "Otto Other-Tenant", "otto@globex.example", "otto", true);
        seed.user(globex, "gina", "Gina Globex-User", "gina@globex.example", "gina", false);
        seed.member(ops, "gina", GroupRole.USER);
    }
}
