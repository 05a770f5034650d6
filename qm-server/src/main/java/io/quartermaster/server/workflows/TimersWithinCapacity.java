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
    private final boolean exclusive;

    private TimersWithinCapacity(AbstractAsyncExecutor executor, Moving moving, boolean exclusive) {
        super(executor, executor.getJobServiceConfiguration().getJobManager(), moving,
                AcquireJobsRunnableConfiguration.DEFAULT, executor.getConfiguration().getMoveTimerExecutorPoolSize());
        this.moving = moving;
        this.exclusive = exclusive;
    }

    /**
     * Puts this acquisition in place of the engine's own, before the executor starts (it builds its own
     * only when none is set). A batch larger than the queue could never fit, so it is cut to the queue's size.
     * With {@code exclusive} false the moved timers run without the engine's instance lock (see below).
     */
    static void install(AsyncExecutor asyncExecutor, int queueSize, boolean exclusive) {
        if (!(asyncExecutor instanceof AbstractAsyncExecutor executor) || executor.isActive()) {
            log.warn("The workflow engine's job executor ({}) keeps its own timer acquisition.", asyncExecutor);
            return;
        }
        if (executor.getMaxTimerJobsPerAcquisition() > queueSize) {
            log.info("Timers are moved in batches of {} (the job queue's size) rather than {}.", queueSize,
                    executor.getMaxTimerJobsPerAcquisition());
            executor.setMaxTimerJobsPerAcquisition(queueSize);
        }
        executor.setTimerJobRunnable(new TimersWithinCapacity(executor, new Moving(), exclusive));
    }

    @Override
    protected long executeAcquireAndMoveCycle() {
        int room = asyncExecutor.getTaskExecutor().getRemainingCapacity() - moving.timers.get();
        if (room < asyncExecutor.getMaxTimerJobsPerAcquisition()) {
            return WAIT_FOR_ROOM_MILLIS;
        }
        return super.executeAcquireAndMoveCycle();
    }

    /**
     * A batch is moved on another thread; until its jobs are handed to the job threads they still need room.
     *
     * <p>Unless {@code qm.workflows.exclusive-timers} is on, the jobs it makes are not exclusive. The
     * engine makes every timer exclusive: before running one it locks the timer's process instance in a
     * transaction of its own, so that two jobs of one instance never run at once and collide. The shipped
     * workflows never have two: each waits on one timer at a time (the lifecycle arms the lease end after
     * the reminder, the tombstone end after the warning) and none has asynchronous steps; what else moves
     * a machine (an agent's result, an owner's action) is no job, is not held off by that lock either,
     * and takes the machine's row lock as every step does. There the lock is one more commit per timer
     * and nothing else. Two jobs of one instance that do collide are still safe without it: the engine's
     * optimistic locking refuses the second, which is retried.
     */
    @Override
    protected void executeMoveTimerJobsToExecutableJobs(List<TimerJobEntity> timers) {
        if (!exclusive) {
            timers.forEach(timer -> timer.setExclusive(false));
        }
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
