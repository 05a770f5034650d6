package io.quartermaster.server.workflows;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.flowable.common.engine.impl.async.AsyncTaskExecutorConfiguration;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.spring.boot.ProcessEngineConfigurationConfigurer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Flowable engine (configured in application.yml under {@code flowable}): here it is given
 * the server's clock, and only the beans marked {@link WorkflowBean} as names its expressions can use;
 * reflection, which would lead past that list, is closed to them. Its jobs (timers, async steps) run on a
 * bounded pool of its own rather than on the server's task executor, see {@link #jobThreads}.
 */
@Configuration
class WorkflowEngineConfig {

    @Bean
    ProcessEngineConfigurationConfigurer engineOnServerClock(Clock clock, ApplicationContext context,
            @Value("${qm.workflows.job-threads:8}") int jobThreads,
            @Value("${qm.workflows.job-queue:64}") int jobQueue) {
        return configuration -> {
            configuration.setClock(new EngineClock(clock));
            // Null: the engine builds its own pool from these sizes, and shuts it down when it stops.
            configuration.setAsyncTaskExecutor(null);
            configuration.setAsyncExecutorTaskExecutorConfiguration(jobThreads(jobThreads, jobQueue));
            configuration.setBeans(new WorkflowBeans(context));
            // Without it, reflection reaches past the allow-list (see NoReflectionELResolver).
            configuration.addPreDefaultELResolver(new NoReflectionELResolver());
        };
    }

    /** Due timers are moved to the job threads only while these have room for them (see {@link TimersWithinCapacity}). */
    @Bean
    SmartInitializingSingleton timersWithinCapacity(ObjectProvider<ProcessEngine> engine,
            @Value("${qm.workflows.job-queue:64}") int jobQueue,
            @Value("${qm.workflows.exclusive-timers:false}") boolean exclusiveTimers) {
        // Runs once every bean exists and before the engine's job executor is started with the context.
        return () -> TimersWithinCapacity.install(
                ((ProcessEngineConfigurationImpl) engine.getObject().getProcessEngineConfiguration()).getAsyncExecutor(),
                jobQueue, exclusiveTimers);
    }

    /**
     * The engine's job threads. Left to itself under Spring Boot, the engine runs its jobs on the server's
     * task executor: with virtual threads, a thread per job and no limit, so a storm of due timers started
     * thousands of jobs at once that queued for the connection pool, ran out its wait (a failed job, its
     * retries spent) and held every lock they had taken meanwhile. A fixed pool takes only what it can
     * run: the engine acquires no more jobs than the queue has room for, and the rest stay in the database
     * (due, unlocked) for the next acquisition, this node's or another's.
     */
    static AsyncTaskExecutorConfiguration jobThreads(int threads, int queue) {
        AsyncTaskExecutorConfiguration sizes = new AsyncTaskExecutorConfiguration();
        sizes.setCorePoolSize(threads);
        sizes.setMaxPoolSize(threads);
        sizes.setQueueSize(queue);
        sizes.setAllowCoreThreadTimeout(false);
        sizes.setAwaitTerminationPeriod(Duration.ofSeconds(20));
        sizes.setThreadPoolNamingPattern("workflow-job-%d");
        return sizes;
    }

    /** Looked up when first used, after every bean exists; a name of any other bean is unknown to BPMN. */
    static final class WorkflowBeans extends java.util.AbstractMap<Object, Object> {
        private final ApplicationContext context;
        private volatile Map<String, Object> beans;

        WorkflowBeans(ApplicationContext context) {
            this.context = context;
        }

        private Map<String, Object> beans() {
            Map<String, Object> found = beans;
            if (found == null) {
                found = Map.copyOf(context.getBeansWithAnnotation(WorkflowBean.class));
                beans = found;
            }
            return found;
        }

        @Override
        public boolean containsKey(Object key) {
            return beans().containsKey(key);
        }

        @Override
        public Object get(Object key) {
            return beans().get(key);
        }

        @Override
        public java.util.Set<Entry<Object, Object>> entrySet() {
            return java.util.Collections.unmodifiableMap((Map<Object, Object>) (Map<?, ?>) beans()).entrySet();
        }
    }
}
