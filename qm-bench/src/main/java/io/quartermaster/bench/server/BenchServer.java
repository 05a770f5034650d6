package io.quartermaster.bench.server;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.catalog.ApprovalPolicy;
import io.quartermaster.api.catalog.CostProfile;
import io.quartermaster.api.catalog.CreateTemplate;
import io.quartermaster.api.catalog.DiskSpec;
import io.quartermaster.api.tenancy.GroupRole;
import io.quartermaster.server.QuartermasterServer;
import io.quartermaster.server.capacity.CapacitySeeder;
import io.quartermaster.server.catalog.CatalogSeeder;
import io.quartermaster.server.tenancy.TenancySeeder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real server started in this process on PostgreSQL, in a schema of its own that {@link #close}
 * drops, on a clock the benchmark gives it. Seeds one tenant with one group, an owner (member of the
 * group) and a tenant administrator, each with an API token, and a template without approval; hosts
 * with a reservation for the group are added with {@link #addHost}.
 */
public final class BenchServer implements AutoCloseable {

    public static final String TAG = "/* qm-bench */ ";

    private final String databaseUrl;
    private final String user;
    private final String password;
    private final String schema;
    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private UUID tenant;
    private UUID group;
    private UUID template;
    private String ownerToken;
    private String adminToken;

    /**
     * @param extraArguments more server settings ({@code --name=value})
     */
    public BenchServer(String databaseUrl, String user, String password, String schemaPrefix, Clock clock,
            List<String> extraArguments) {
        this.databaseUrl = databaseUrl;
        this.user = user;
        this.password = password;
        this.schema = schemaPrefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--qm.database.url=" + databaseUrl + (databaseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "--qm.database.username=" + user, "--qm.database.password=" + password,
                "--spring.flyway.schemas=" + schema, "--flowable.database-schema=" + schema,
                "--qm.security.bcrypt-strength=4", "--logging.level.root=warn", "--logging.level.io.quartermaster=warn"));
        arguments.addAll(extraArguments);
        context = new SpringApplicationBuilder(QuartermasterServer.class)
                .initializers(c -> ((GenericApplicationContext) c).registerBean("benchClock", Clock.class,
                        () -> clock, definition -> definition.setPrimary(true)))
                .run(arguments.toArray(String[]::new));
        base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** Tenant, group, owner and administrator with their API tokens, and the template. */
    public BenchServer seed(int leaseDays, int tombstoneDays) {
        try {
            TenancySeeder tenancy = context.getBean(TenancySeeder.class);
            tenant = tenancy.tenant(schema, "Benchmark");
            group = tenancy.group(tenant, "bench", "Machines of the benchmarks");
            String ownerPassword = UUID.randomUUID().toString();
            String adminPassword = UUID.randomUUID().toString();
            tenancy.user(tenant, "bench-owner", "Bench Owner", "owner@bench.example", ownerPassword, false);
            tenancy.member(group, "bench-owner", GroupRole.USER);
            tenancy.user(tenant, "bench-admin", "Bench Admin", "admin@bench.example", adminPassword, true);
            template = context.getBean(CatalogSeeder.class).template(tenant, new CreateTemplate(tenant, "bench",
                    "A machine of the benchmarks.", 1, 512L, List.of(new DiskSpec(10L, "system")), "bench-image",
                    "simulator", leaseDays, null, tombstoneDays, ApprovalPolicy.NEVER, null, "bench", List.of(),
                    List.of(group), CostProfile.FREE));
            ownerToken = token("bench-owner", ownerPassword);
            adminToken = token("bench-admin", adminPassword);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A simulator host with a reservation of the group that holds {@code machines} machines. */
    public UUID addHost(String name, int machines) {
        CapacitySeeder capacity = context.getBean(CapacitySeeder.class);
        Amounts room = new Amounts(machines, 512L * machines, 10L * machines);
        UUID host = capacity.host(tenant, name, "simulator", "bench", List.of(), room);
        capacity.reservation(host, group, name, room, machines, 10);
        return host;
    }

    /** A one-time bootstrap token for an agent of the host, made through the API as its administrator would. */
    public String bootstrapToken(UUID host) {
        HttpResponse<String> made = send("POST", "/api/v1/agents/bootstrap-tokens", adminToken,
                "{\"hostIds\":[\"" + host + "\"]}");
        if (made.statusCode() != 201 && made.statusCode() != 200) {
            throw new IllegalStateException("Bootstrap token refused: " + made.statusCode() + " " + made.body());
        }
        return JsonMapper.builder().build().readTree(made.body()).path("token").asString();
    }

    /** Orders one machine of the template as the owner; returns its id. */
    public UUID request() {
        HttpResponse<String> response = send("POST", "/api/v1/requests", ownerToken, "{\"templateId\":\"" + template
                + "\",\"groupId\":\"" + group + "\",\"reason\":\"benchmark\"}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Request refused: " + response.statusCode() + " " + response.body());
        }
        JsonNode machines = JsonMapper.builder().build().readTree(response.body()).path("machines");
        return UUID.fromString(machines.get(0).path("id").asString());
    }

    public HttpResponse<String> send(String method, String path, String bearer, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String token(String username, String userPassword) {
        String basic = Base64.getEncoder().encodeToString((username + ":" + userPassword).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"expiresInDays\":366}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("Could not make an API token: " + created.statusCode() + " " + created.body());
            }
            return JsonMapper.builder().build().readTree(created.body()).path("secret").asString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return base;
    }

    public String ownerToken() {
        return ownerToken;
    }

    public String adminToken() {
        return adminToken;
    }

    public UUID tenant() {
        return tenant;
    }

    public UUID group() {
        return group;
    }

    public UUID template() {
        return template;
    }

    public String schema() {
        return schema;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            try (var connection = java.sql.DriverManager.getConnection(databaseUrl, user, password);
                    var statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (java.sql.SQLException e) {
                System.err.println("qm-bench: could not drop schema " + schema + ": " + e.getMessage());
            }
        }
    }
}
