package io.quartermaster.bench.lifecycle;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import org.flowable.common.engine.api.async.AsyncTaskExecutor;
import org.flowable.common.engine.impl.persistence.StrongUuidGenerator;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.job.service.impl.asyncexecutor.AbstractAsyncExecutor;
import org.flowable.job.service.impl.asyncexecutor.AsyncJobExecutorConfiguration;

/**
 * The baseline: raw Flowable, no Quartermaster code, on the same PostgreSQL in a schema of its own
 * (created and dropped here), running copies of the server's processes with empty steps
 * ({@code raw-flowable/*.bpmn20.xml}, {@link RawSteps}). The engine is set up like the server's
 * (history level, id generator, connection pool, job executor), and driven the same way: a process
 * started per machine, each host step a receive task triggered by a worker, timers fired by moving
 * the engine's clock.
 */
final class RawFlowableLifecycles implements Lifecycles {

    static final String PROCESS = "raw-machine-lifecycle";

    private final Database database;
    private final String schema = "bench_raw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final MovableClock clock = new MovableClock();
    private final RawSteps steps = new RawSteps(clock);
    private final HikariDataSource pool;
    private final AsyncTaskExecutor jobExecutor;
    private final ProcessEngine engine;
    private final RuntimeService runtime;

    /** @param like the server's engine, whose settings this one copies */
    RawFlowableLifecycles(Database database, ProcessEngineConfigurationImpl like, JobThreads jobThreads,
            int connectionPoolSize) {
        this.database = database;
        database.execute("CREATE SCHEMA " + schema);
        try {
            pool = new HikariDataSource();
            pool.setJdbcUrl(database.urlFor(schema));
            pool.setUsername(database.user());
            pool.setPassword(database.password());
            pool.setMaximumPoolSize(connectionPoolSize);
            jobExecutor = jobThreads.newExecutor();
            engine = engineLike(like).buildProcessEngine();
            runtime = engine.getRuntimeService();
            var deployment = engine.getRepositoryService().createDeployment().name("raw lifecycle");
            for (String process : new String[] {"raw-machine-lifecycle", "raw-machine-build", "raw-machine-dispose"}) {
                deployment.addClasspathResource("raw-flowable/" + process + ".bpmn20.xml");
            }
            deployment.deploy();
        } catch (RuntimeException e) {
            database.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"); // leaves no schema behind
            throw e;
        }
    }

    /** A standalone engine on this schema, set up like the server's. */
    private StandaloneProcessEngineConfiguration engineLike(ProcessEngineConfigurationImpl like) {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(pool);
        configuration.setDatabaseSchema(schema);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistoryLevel(like.getHistoryLevel());
        if (like.getIdGenerator() instanceof StrongUuidGenerator) {
            configuration.setIdGenerator(new StrongUuidGenerator());
        }
        configuration.setClock(new FlowableClock(clock));
        configuration.setBeans(Map.of("rawSteps", steps));
        configuration.setAsyncExecutorActivate(true);
        configuration.setAsyncExecutorConfiguration(copy(jobSettings(like)));
        configuration.setAsyncTaskExecutor(jobExecutor);
        return configuration;
    }

    /**
     * The settings not copied from the server: the raw engine looks for due timers and for asynchronous jobs
     * every 0.5 s when idle, as it was measured before the server's looks were spaced out to 2 s and 5 s.
     * The engine's own timer acquisition moves due timers to the executable jobs whether or not its job
     * queue has room, and the jobs a full queue turns away wait for the look for asynchronous jobs: with the
     * server's spacing the raw engine's timer phases took from a third to three times as long in trial runs,
     * which would make a weaker baseline.
     */
    static final Duration RAW_ACQUIRE_WAIT = Duration.ofMillis(500);

    /** What the server's engine was set up with, as this one copies it (written next to the figures). */
    static Map<String, Object> settingsOf(ProcessEngineConfigurationImpl engine, JobThreads threads,
            int connectionPoolSize) {
        AsyncJobExecutorConfiguration jobs = jobSettings(engine);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("historyLevel", engine.getHistoryLevel().getKey());
        settings.put("idGenerator", engine.getIdGenerator().getClass().getSimpleName());
        settings.put("connectionPoolSize", connectionPoolSize);
        settings.put("jobThreads", threads.toString());
        settings.put("asyncJobAcquireWait", jobs.getDefaultAsyncJobAcquireWaitTime().toString());
        settings.put("timerJobAcquireWait", jobs.getDefaultTimerJobAcquireWaitTime().toString());
        settings.put("rawAcquireWait", RAW_ACQUIRE_WAIT.toString());
        settings.put("maxAsyncJobsPerAcquisition", jobs.getMaxAsyncJobsDuePerAcquisition());
        settings.put("maxTimerJobsPerAcquisition", jobs.getMaxTimerJobsPerAcquisition());
        return settings;
    }

    /** The job executor's settings as it runs (Spring Boot sets them on the executor, not the engine). */
    private static AsyncJobExecutorConfiguration jobSettings(ProcessEngineConfigurationImpl engine) {
        return ((AbstractAsyncExecutor) engine.getAsyncExecutor()).getConfiguration();
    }

    private static AsyncJobExecutorConfiguration copy(AsyncJobExecutorConfiguration from) {
        AsyncJobExecutorConfiguration to = new AsyncJobExecutorConfiguration();
        to.setMaxAsyncJobsDuePerAcquisition(from.getMaxAsyncJobsDuePerAcquisition());
        to.setMaxTimerJobsPerAcquisition(from.getMaxTimerJobsPerAcquisition());
        to.setDefaultAsyncJobAcquireWaitTime(RAW_ACQUIRE_WAIT);
        to.setDefaultTimerJobAcquireWaitTime(RAW_ACQUIRE_WAIT);
        to.setDefaultQueueSizeFullWaitTime(from.getDefaultQueueSizeFullWaitTime());
        to.setAsyncJobLockTime(from.getAsyncJobLockTime());
        to.setTimerLockTime(from.getTimerLockTime());
        to.setMoveTimerExecutorPoolSize(from.getMoveTimerExecutorPoolSize());
        to.setGlobalAcquireLockEnabled(from.isGlobalAcquireLockEnabled());
        return to;
    }

    @Override
    public void request() {
        String machineId = UUID.randomUUID().toString();
        runtime.createProcessInstanceBuilder().processDefinitionKey(PROCESS).businessKey(machineId)
                .variable("machineId", machineId).variable("tenantId", schema).start();
    }

    /** Triggers up to 50 waiting receive tasks, as the server's agent takes up to 50 tasks a time. */
    @Override
    public int answerAgentSteps(int worker) {
        int answered = 0;
        String execution;
        while (answered < 50 && (execution = steps.waiting().poll()) != null) {
            runtime.trigger(execution);
            answered++;
        }
        return answered;
    }

    @Override
    public Map<Milestone, Long> milestones() {
        return steps.milestones();
    }

    @Override
    public long transitions() {
        return steps.transitions();
    }

    /** Milestones and transitions are counted in memory. */
    @Override
    public long observerTransactions() {
        return 0;
    }

    String schema() {
        return schema;
    }

    @Override
    public MovableClock clock() {
        return clock;
    }

    @Override
    public void close() {
        try {
            engine.close();
            jobExecutor.shutdown();
            pool.close();
        } finally {
            database.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** Flowable's clock interface over the movable clock; the engine reads it, the benchmark moves it. */
    private record FlowableClock(MovableClock clock) implements org.flowable.common.engine.impl.runtime.Clock {

        private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

        @Override
        public Date getCurrentTime() {
            return Date.from(clock.instant());
        }

        @Override
        public Calendar getCurrentCalendar() {
            return getCurrentCalendar(UTC);
        }

        @Override
        public Calendar getCurrentCalendar(TimeZone zone) {
            Calendar calendar = new GregorianCalendar(zone);
            calendar.setTimeInMillis(clock.millis());
            return calendar;
        }

        @Override
        public TimeZone getCurrentTimeZone() {
            return UTC;
        }

        @Override
        public void setCurrentTime(Date time) {
            throw new UnsupportedOperationException("Move the benchmark's clock instead.");
        }

        @Override
        public void setCurrentCalendar(Calendar time) {
            setCurrentTime(time.getTime());
        }

        @Override
        public void reset() {
            // The time is the movable clock's.
        }
    }
}
