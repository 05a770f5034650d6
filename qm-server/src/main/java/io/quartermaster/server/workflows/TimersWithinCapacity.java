package io.quartermaster.server.workflows;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.flowable.job.service.impl.asyncexecutor.AbstractAsyncExecutor;
import org.flowable.job.service.impl.asyncexecutor.AcquireJobsRunnableConfiguration;
import org.flowable.job.service.impl.asyncexecutor.AcquireTimerJobsRunnable;
import org.flowable.job.service.impl.asyncexecutor.AcquireTimerLifecycleListener;
import org.flowable.job.service.impl.asyncexecutor.AsyncExecutor;
import org.flowable.job.service.impl.persistence.entity.TimerJobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's timer acquisition, moving due timers to the executable jobs only while the job threads'
 * queue has room for a whole batch. The engine's own moves a batch whenever timers are due and hands
 * each moved job to the job threads at once; whatever the queue cannot take is rejected and given back
 * in a transaction of its own per job, then acquired again later. When many timers fall due together
 * (every lease of a group at midnight, or the benchmark moving its clock) that doubled the work of a
 * timer. Here the timers wait in their table, unlocked, until the threads can take them; the async
 * acquisition already takes only as many executable jobs as the queue has room for.
 */
final class TimersWithinCapacity extends AcquireTimerJobsRunnable {

    private static final Logger log = LoggerFactory.getLogger(TimersWithinCapacity.class);

    /** How long to wait for room in the queue before looking again: a few jobs' time. */
    static final long WAIT_FOR_ROOM_MILLIS = 100;

    private final Moving moving;

    private TimersWithinCapacity(AbstractAsyncExecutor executor, Moving moving) {
        super(executor, executor.getJobServiceConfiguration().getJobManager(), moving,
                AcquireJobsRunnableConfiguration.DEFAULT, executor.getConfiguration().getMoveTimerExecutorPoolSize());
        this.moving = moving;
    }

    /**
     * Puts this acquisition in place of the engine's own, before the executor starts (it builds its own
     * only when none is set). A batch larger than the queue could never fit, so it is cut to the queue's size.
     */
    static void install(AsyncExecutor asyncExecutor, int queueSize) {
        if (!(asyncExecutor instanceof AbstractAsyncExecutor executor) || executor.isActive()) {
            log.warn("The workflow engine's job executor ({}) keeps its own timer acquisition.", asyncExecutor);
            return;
        }
        if (executor.getMaxTimerJobsPerAcquisition() > queueSize) {
            log.info("Timers are moved in batches of {} (the job queue's size) rather than {}.", queueSize,
                    executor.getMaxTimerJobsPerAcquisition());
            executor.setMaxTimerJobsPerAcquisition(queueSize);
        }
        executor.setTimerJobRunnable(new TimersWithinCapacity(executor, new Moving()));
    }

    @Override
    protected long executeAcquireAndMoveCycle() {
        int room = asyncExecutor.getTaskExecutor().getRemainingCapacity() - moving.timers.get();
        if (room < asyncExecutor.getMaxTimerJobsPerAcquisition()) {
            return WAIT_FOR_ROOM_MILLIS;
        }
        return super.executeAcquireAndMoveCycle();
    }

    /** A batch is moved on another thread; until its jobs are handed to the job threads they still need room. */
    @Override
    protected void executeMoveTimerJobsToExecutableJobs(List<TimerJobEntity> timers) {
        try {
            super.executeMoveTimerJobsToExecutableJobs(timers);
        } finally {
            moving.timers.addAndGet(-timers.size());
        }
    }

    /** Counts the timers acquired and not yet moved (told of each batch acquired). */
    private static final class Moving implements AcquireTimerLifecycleListener {
        final AtomicInteger timers = new AtomicInteger();

        @Override
        public void acquiredJobs(String engineName, int acquired, int maxPerAcquisition) {
            timers.addAndGet(acquired);
        }

        @Override
        public void startAcquiring(String engineName, int maxPerAcquisition) {}

        @Override
        public void stopAcquiring(String engineName) {}

        @Override
        public void startWaiting(String engineName, long millisToWait) {}
    }
}
