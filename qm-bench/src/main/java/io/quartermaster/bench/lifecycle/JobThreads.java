package io.quartermaster.bench.lifecycle;

import org.flowable.common.engine.api.async.AsyncTaskExecutor;
import org.flowable.common.engine.impl.async.AsyncTaskExecutorConfiguration;
import org.flowable.common.engine.impl.async.DefaultAsyncTaskExecutor;
import org.flowable.common.spring.async.SpringAsyncTaskExecutor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads the server's engine runs its jobs (timers, async steps) on, so the raw engine gets the
 * same kind. Under Spring Boot with virtual threads the engine is handed Boot's task executor: a
 * virtual thread per job, as many at once as its concurrency limit allows (none by default).
 *
 * @param virtual          a virtual thread per job (Spring's {@code SimpleAsyncTaskExecutor})
 * @param concurrencyLimit for virtual threads: jobs at once, -1 for no limit
 */
record JobThreads(boolean virtual, int concurrencyLimit, int corePoolSize, int maxPoolSize, int queueSize) {

    static JobThreads of(AsyncTaskExecutor executor, boolean virtualThreadsEnabled) {
        if (executor instanceof SpringAsyncTaskExecutor spring) {
            if (spring.getAsyncTaskExecutor() instanceof SimpleAsyncTaskExecutor simple) {
                return new JobThreads(virtualThreadsEnabled, simple.getConcurrencyLimit(), 0, 0, 0);
            }
            if (spring.getAsyncTaskExecutor() instanceof ThreadPoolTaskExecutor pool) {
                return new JobThreads(false, 0, pool.getCorePoolSize(), pool.getMaxPoolSize(), pool.getQueueCapacity());
            }
        }
        if (executor instanceof DefaultAsyncTaskExecutor own) {
            return new JobThreads(false, 0, own.getCorePoolSize(), own.getMaxPoolSize(), own.getQueueSize());
        }
        throw new IllegalStateException("Unknown job executor " + executor.getClass().getName());
    }

    /** A new executor of this kind for a standalone engine; the caller shuts it down. */
    AsyncTaskExecutor newExecutor() {
        if (corePoolSize == 0) {
            SimpleAsyncTaskExecutor simple = new SimpleAsyncTaskExecutor("raw-flowable-job-");
            simple.setVirtualThreads(virtual);
            simple.setConcurrencyLimit(concurrencyLimit);
            return new SpringAsyncTaskExecutor(simple);
        }
        AsyncTaskExecutorConfiguration sizes = new AsyncTaskExecutorConfiguration();
        sizes.setCorePoolSize(corePoolSize);
        sizes.setMaxPoolSize(maxPoolSize);
        sizes.setQueueSize(queueSize);
        sizes.setThreadPoolNamingPattern("raw-flowable-job-%d");
        DefaultAsyncTaskExecutor pool = new DefaultAsyncTaskExecutor(sizes);
        pool.start();
        return pool;
    }

    @Override
    public String toString() {
        if (corePoolSize == 0) {
            return (virtual ? "a virtual thread" : "a thread") + " each, "
                    + (concurrencyLimit < 0 ? "with no limit on how many at once" : "at most " + concurrencyLimit + " at once");
        }
        return corePoolSize + "–" + maxPoolSize + " threads, queue " + queueSize;
    }
}
