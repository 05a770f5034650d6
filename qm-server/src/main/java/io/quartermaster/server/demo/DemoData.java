package io.quartermaster.server.demo;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.catalog.ApprovalMode;
import io.quartermaster.api.catalog.ApprovalPolicy;
import io.quartermaster.api.catalog.CostProfile;
import io.quartermaster.api.catalog.CreateTemplate;
import io.quartermaster.api.catalog.CustomProperty;
import io.quartermaster.api.catalog.DiskSpec;
import io.quartermaster.api.tenancy.GroupRole;
import io.quartermaster.server.capacity.CapacitySeeder;
import io.quartermaster.server.catalog.CatalogSeeder;
import io.quartermaster.server.tenancy.TenancySeeder;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Dev mode's demo data: the Acme tenant with two groups and a person in each role, plus a second tenant
 * (Globex) to try what crosses tenants; three simulator hosts with reservations for both Acme groups,
 * and templates to order from (one that needs approval, one small short-lease test machine). Loaded when {@code qm.demo-data=true}; idempotent, so a restart
 * keeps what was changed since. Later features add their own demo objects to these.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "qm.demo-data", havingValue = "true")
public class DemoData implements ApplicationRunner {

    public static final String RND_LAB = "Research and Development Virtual Lab";
    public static final String QA = "Quality Assurance";
    public static final String OMNI = "Omni 3.2 Server 1 GB 10 GB";
    public static final String SMALL = "Small test machine";

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
    private final CapacitySeeder capacity;
    private final CatalogSeeder catalog;

    DemoData(TenancySeeder seed, CapacitySeeder capacity, CatalogSeeder catalog) {
        this.seed = seed;
        this.capacity = capacity;
        this.catalog = catalog;
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

        hostsAndReservations(acme, lab, qa, globex, ops);
        templates(acme, lab, qa);
    }

    private void hostsAndReservations(UUID acme, UUID lab, UUID qa, UUID globex, UUID ops) {
        Amounts big = new Amounts(16, 65536, 2000);
        UUID host1 = capacity.host(acme, "sim-host-01", "simulator", "lab-1", List.of("demo", "ssd"), big);
        UUID host2 = capacity.host(acme, "sim-host-02", "simulator", "lab-1", List.of("demo"), big);
        UUID host3 = capacity.host(acme, "sim-host-03", "simulator", "lab-2", List.of("demo"), new Amounts(8, 32768, 1000));
        capacity.reservation(host1, lab, "R&D on sim-host-01", new Amounts(8, 32768, 500), 20, 10);
        capacity.reservation(host2, lab, "R&D on sim-host-02", new Amounts(8, 32768, 500), 20, 20);
        capacity.reservation(host3, qa, "QA on sim-host-03", new Amounts(4, 8192, 200), 10, 10);
        UUID globexHost = capacity.host(globex, "globex-sim-01", "simulator", "globex-dc", List.of(), big);
        capacity.reservation(globexHost, ops, "Operations on globex-sim-01", new Amounts(8, 16384, 500), 20, 10);
    }

    private void templates(UUID acme, UUID lab, UUID qa) {
        CostProfile rates = new CostProfile("EUR", new BigDecimal("0.50"), new BigDecimal("0.25"),
                new BigDecimal("0.01"), new BigDecimal("0.10"));
        catalog.template(acme, new CreateTemplate(null, OMNI, "Omni 3.2 server with 1 GB memory and a 10 GB disk.",
                1, 1024L, List.of(new DiskSpec(10L, "system")), "omni-3.2-server", "simulator", 30, null, 7,
                new ApprovalPolicy(ApprovalMode.ALWAYS, null, null), 5, "omni",
                List.of(new CustomProperty("BuildType", "Standard", true),
                        new CustomProperty("AdministratorName", "Gary Group-Admin", false),
                        new CustomProperty("AdministratorEmail", "gary@acme.example", false)),
                List.of(lab, qa), rates));
        catalog.template(acme, new CreateTemplate(null, SMALL, "A small machine for a quick test; gone after a day.",
                1, 512L, List.of(new DiskSpec(5L, "system")), "tiny-linux", "simulator", 1, null, 1,
                ApprovalPolicy.NEVER, 3, "test", List.of(new CustomProperty("BuildType", "Quick", true)),
                List.of(lab, qa), new CostProfile("EUR", new BigDecimal("0.20"), new BigDecimal("0.10"), null, null)));
        catalog.template(acme, new CreateTemplate(null, "Build server 4 GB", "Build server for the R&D lab.",
                2, 4096L, List.of(new DiskSpec(20L, "system"), new DiskSpec(50L, "data")), "debian-12-build",
                "simulator", 14, null, 7, new ApprovalPolicy(ApprovalMode.WHEN_EXCEEDS, 2, 14), null, "build",
                List.of(), List.of(lab), rates));
    }
}
