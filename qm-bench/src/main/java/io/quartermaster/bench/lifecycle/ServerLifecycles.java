package io.quartermaster.bench.lifecycle;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.catalog.ApprovalPolicy;
import io.quartermaster.api.catalog.CostProfile;
import io.quartermaster.api.catalog.CreateTemplate;
import io.quartermaster.api.catalog.DiskSpec;
import io.quartermaster.api.tenancy.GroupRole;
import io.quartermaster.server.QuartermasterServer;
import io.quartermaster.server.agents.AgentTask;
import io.quartermaster.server.agents.AgentTaskService;
import io.quartermaster.server.capacity.CapacitySeeder;
import io.quartermaster.server.catalog.CatalogSeeder;
import io.quartermaster.server.tenancy.TenancySeeder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real server, started in this process on PostgreSQL in a schema of its own (dropped at the end),
 * on a {@link MovableClock}. Machines are ordered through the REST API with a personal API token, as
 * a script would; the agent is played through {@link AgentTaskService} exactly as the dev agent does
 * (lease, then complete), without its delay, one worker per host.
 */
final class ServerLifecycles implements Lifecycles {

    /** Tasks a result takes over in its transaction; {@code -Dqm.bench.take-next=0} polls for every one instead. */
    private static final int TAKE_NEXT = Integer.getInteger("qm.bench.take-next", 1);
    /** Results answered together in one transaction at most; 1: each in its own. */
    static final int RESULT_BATCH = Math.max(1, Integer.getInteger("qm.bench.result-batch", 50));

    private final Database database;
    private final String schema = "bench_life_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final MovableClock clock = new MovableClock();
    private final ConfigurableApplicationContext server;
    private final JdbcTemplate jdbc;
    private final AgentTaskService agentTasks;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<UUID> hosts = new ArrayList<>();
    private final URI requests;
    private final String requestBody;
    private final String token;
    private final AtomicLong observerQueries = new AtomicLong();

    /**
     * @param workers  agent workers; each serves one host of its own
     * @param machines how many machines live at once at most (each host's reservation holds them all)
     */
    ServerLifecycles(Database database, int workers, int machines) {
        this.database = database;
        server = new SpringApplicationBuilder(QuartermasterServer.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("benchClock", Clock.class,
                        () -> clock, definition -> definition.setPrimary(true)))
                .run("--server.port=0", "--qm.database.url=" + database.urlFor(schema),
                        "--qm.database.username=" + database.user(), "--qm.database.password=" + database.password(),
                        "--spring.flyway.schemas=" + schema,
                        "--flowable.database-schema=" + schema,
                        // Only the one Basic sign-in that makes the API token below hashes a password.
                        "--qm.security.bcrypt-strength=4",
                        "--logging.level.root=warn", "--logging.level.io.quartermaster=warn");
        jdbc = server.getBean(JdbcTemplate.class);
        agentTasks = server.getBean(AgentTaskService.class);
        String ownerPassword = UUID.randomUUID().toString();
        String base = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
        requests = URI.create(base + "/api/v1/requests");
        try {
            requestBody = seed(workers, machines, ownerPassword);
            token = createToken(base, ownerPassword);
        } catch (RuntimeException e) {
            close(); // leaves no schema behind
            throw e;
        }
    }

    /**
     * One tenant, group and owner; a host per agent worker with a reservation for the group; a template
     * without approval. Returns the body of a request for one machine of it.
     */
    private String seed(int workers, int machines, String ownerPassword) {
        TenancySeeder tenancy = server.getBean(TenancySeeder.class);
        UUID tenant = tenancy.tenant(schema, "Lifecycle benchmark");
        UUID group = tenancy.group(tenant, "bench", "Machines of the lifecycle benchmark");
        tenancy.user(tenant, "bench-owner", "Bench Owner", "owner@bench.example", ownerPassword, false);
        tenancy.member(group, "bench-owner", GroupRole.USER);
        CapacitySeeder capacity = server.getBean(CapacitySeeder.class);
        Amounts room = new Amounts(machines, 512L * machines, 10L * machines);
        for (int h = 0; h < workers; h++) {
            UUID host = capacity.host(tenant, "bench-host-" + h, "simulator", "bench", List.of(), room);
            capacity.reservation(host, group, "bench-" + h, room, machines, 10);
            hosts.add(host);
        }
        UUID template = server.getBean(CatalogSeeder.class).template(tenant, new CreateTemplate(tenant, "bench",
                "One machine's whole life, for the lifecycle benchmark.", 1, 512L, List.of(new DiskSpec(10L, "system")),
                "bench-image", "simulator", LifecycleRun.LEASE_DAYS, null, LifecycleRun.TOMBSTONE_DAYS,
                ApprovalPolicy.NEVER, null, "bench", List.of(), List.of(group), CostProfile.FREE));
        return "{\"templateId\":\"" + template + "\",\"groupId\":\"" + group + "\",\"reason\":\"benchmark\"}";
    }

    private String createToken(String base, String ownerPassword) {
        String basic = Base64.getEncoder()
                .encodeToString(("bench-owner:" + ownerPassword).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"expiresInDays\":366}")).build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Could not make an API token: " + created.statusCode() + " " + created.body());
        }
        return JsonMapper.builder().build().readTree(created.body()).path("secret").asString();
    }

    @Override
    public void request() {
        order(requestBody);
    }

    /** One request (an order) for several machines, as the API allows: each gets its own whole workflow. */
    @Override
    public void request(int machines) {
        order(machines == 1 ? requestBody
                : requestBody.substring(0, requestBody.length() - 1) + ",\"count\":" + machines + "}");
    }

    private void order(String body) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(requests).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Request refused: " + response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * As an agent: lease up to 50 tasks of the worker's host for a minute, then report them done together
     * in one call's transaction ({@link AgentTaskService#completeEachAndTakeNext}, as qm-agent does with the
     * results that finish while it is still sending earlier ones), taking in it the tasks those results queued
     * (each machine's next host step, as qm-agent does with {@code takeNext}), and answering those in turn.
     * {@code -Dqm.bench.result-batch=1} reports each result in a transaction of its own instead.
     */
    @Override
    public int answerAgentSteps(int worker) {
        String agent = "bench-agent-" + worker;
        List<AgentTask> work = agentTasks.lease(List.of(hosts.get(worker)), agent, 50, Duration.ofMinutes(1));
        int answered = 0;
        while (!work.isEmpty()) {
            List<AgentTask> next = new ArrayList<>();
            for (int from = 0; from < work.size(); from += RESULT_BATCH) {
                List<AgentTaskService.Answer> answers = work.subList(from, Math.min(work.size(), from + RESULT_BATCH))
                        .stream().map(task -> new AgentTaskService.Answer(task.id(), task.attempt(), null,
                                Map.<String, Object>of("agent", agent))).toList();
                AgentTaskService.Answered done = agentTasks.completeEachAndTakeNext(answers, agent,
                        TAKE_NEXT * answers.size(), Duration.ofMinutes(1));
                long refused = done.refusals().stream().filter(java.util.Objects::nonNull).count();
                if (refused > 0) {
                    throw new IllegalStateException(refused + " of " + answers.size() + " results refused, the first: "
                            + done.refusals().stream().filter(java.util.Objects::nonNull).findFirst().orElseThrow());
                }
                next.addAll(done.next());
                answered += answers.size();
            }
            work = next;
        }
        return answered;
    }

    @Override
    public Map<Milestone, Long> milestones() {
        observerQueries.incrementAndGet();
        return jdbc.queryForObject(LifecycleReport.BENCH_TAG + """
                SELECT COUNT(provisioned_at), COUNT(reminder_sent_at), COUNT(expired_at), COUNT(destroy_warning_sent_at),
                       COUNT(*) FILTER (WHERE state = 'Disposed')
                FROM machines""", (rs, row) -> {
            Map<Milestone, Long> reached = new EnumMap<>(Milestone.class);
            for (Milestone milestone : Milestone.values()) {
                reached.put(milestone, rs.getLong(milestone.ordinal() + 1));
            }
            return reached;
        });
    }

    /**
     * What the engine's job tables and the machine rows say after a storm: failed jobs (an exception
     * recorded, retries spent or not), dead letters, expired machines without their tombstone end, still
     * powered on, or without the timer that leads to their destruction (the warning's, or the tombstone
     * end's after it), power-offs that are still open, and reminders sent.
     */
    Map<String, Long> afterStorm() {
        observerQueries.incrementAndGet();
        return jdbc.queryForObject(LifecycleReport.BENCH_TAG + """
                SELECT (SELECT COUNT(*) FROM ACT_RU_JOB WHERE EXCEPTION_MSG_ IS NOT NULL)
                     + (SELECT COUNT(*) FROM ACT_RU_TIMER_JOB WHERE EXCEPTION_MSG_ IS NOT NULL) AS failed_jobs,
                       (SELECT COUNT(*) FROM ACT_RU_DEADLETTER_JOB) AS dead_letters,
                       (SELECT COUNT(*) FROM machines m WHERE m.state = 'Expired' AND (m.tombstone_ends_at IS NULL
                            OR m.power_state <> 'Off' OR NOT EXISTS (SELECT 1 FROM ACT_RU_TIMER_JOB j
                                WHERE j.PROCESS_INSTANCE_ID_ = (SELECT e.PROC_INST_ID_ FROM ACT_RU_EXECUTION e
                                    WHERE e.BUSINESS_KEY_ = CAST(m.id AS VARCHAR) AND e.PARENT_ID_ IS NULL
                                      AND e.PROC_DEF_ID_ LIKE 'machine-lifecycle:%')
                                  AND (j.ELEMENT_ID_ = 'warningDue' OR j.ELEMENT_ID_ LIKE 'tombstoneEnds%')))) AS expired_incomplete,
                       (SELECT COUNT(*) FROM agent_tasks WHERE step = 'Stop-Machine' AND state <> 'Succeeded') AS open_power_offs,
                       (SELECT COUNT(*) FROM agent_tasks WHERE step = 'Stop-Machine') AS power_offs,
                       (SELECT COUNT(reminder_sent_at) FROM machines) AS reminders_sent
                """, (rs, row) -> {
            Map<String, Long> found = new java.util.LinkedHashMap<>();
            for (String column : List.of("failed_jobs", "dead_letters", "expired_incomplete", "open_power_offs",
                    "power_offs", "reminders_sent")) {
                found.put(column, rs.getLong(column));
            }
            return found;
        });
    }

    /** Transitions as {@code Transitions} writes them: one timeline line of kind Transition each. */
    @Override
    public long transitions() {
        observerQueries.incrementAndGet();
        Long count = jdbc.queryForObject(
                LifecycleReport.BENCH_TAG + "SELECT COUNT(*) FROM machine_events WHERE kind = 'Transition'", Long.class);
        return count == null ? 0 : count;
    }

    /** The same count from the audit trail, which {@code Transitions} writes in the same transaction. */
    long auditedTransitions() {
        Long count = jdbc.queryForObject(
                LifecycleReport.BENCH_TAG + "SELECT COUNT(*) FROM audit_events WHERE action = 'machine.transition'",
                Long.class);
        return count == null ? 0 : count;
    }

    @Override
    public long observerTransactions() {
        return observerQueries.get();
    }

    String schema() {
        return schema;
    }

    @Override
    public MovableClock clock() {
        return clock;
    }

    /** The embedded engine's configuration, so the raw engine can be set up the same way. */
    ProcessEngineConfigurationImpl engineConfiguration() {
        return server.getBean(ProcessEngineConfigurationImpl.class);
    }

    /** The threads the engine runs its jobs on. */
    JobThreads jobThreads() {
        return JobThreads.of(engineConfiguration().getAsyncExecutor().getTaskExecutor(),
                server.getEnvironment().getProperty("spring.threads.virtual.enabled", Boolean.class, false));
    }

    int connectionPoolSize() {
        return server.getBean(com.zaxxer.hikari.HikariDataSource.class).getMaximumPoolSize();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            database.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
