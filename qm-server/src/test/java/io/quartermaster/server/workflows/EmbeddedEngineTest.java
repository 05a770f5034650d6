package io.quartermaster.server.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.QmServerTest;
import io.quartermaster.server.support.SecondNode;
import io.quartermaster.server.support.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.flowable.common.engine.api.delegate.event.AbstractFlowableEventListener;
import org.flowable.common.engine.api.delegate.event.FlowableEngineEventType;
import org.flowable.common.engine.api.delegate.event.FlowableEvent;
import org.flowable.common.engine.api.delegate.event.FlowableEventListener;
import org.flowable.engine.ManagementService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The embedded engine on the test database: processes under processes/ are deployed at start, its
 * timers follow the server's clock (moved here, never slept through), and its async executor runs the
 * jobs that fall due.
 */
@QmServerTest
class EmbeddedEngineTest {

    @Autowired
    RuntimeService runtime;

    @Autowired
    RepositoryService repository;

    @Autowired
    ManagementService management;

    @Autowired
    TaskService tasks;

    @Autowired
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Autowired
    org.springframework.core.env.Environment environment;

    @Test
    void processesAreDeployedAtStartOnlyWhenTheyChanged() {
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("engine-check").count()).isOne();

        // Another start on the same database, with the same BPMN: no new version.
        try (var again = SecondNode.start(environment)) {
            assertThat(again.getBean(RepositoryService.class).createProcessDefinitionQuery()
                    .processDefinitionKey("engine-check").count()).isOne();
        }
    }

    @Test
    void aTimerFiresWhenTheServersClockPassesItAndTheAsyncExecutorRunsTheNextStep() {
        String businessKey = UUID.randomUUID().toString();
        ProcessInstance instance = runtime.startProcessInstanceByKey("engine-check", businessKey);
        var timer = management.createTimerJobQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(timer).isNotNull();
        assertThat(timer.getDuedate().toInstant()).isAfter(clock.instant().plus(Duration.ofMinutes(59)));

        clock.advance(Duration.ofMinutes(61));

        awaitUpTo(Duration.ofSeconds(20), () -> tasks.createTaskQuery().processInstanceBusinessKey(businessKey).count() == 1);
        assertThat(runtime.getVariable(instance.getId(), "done")).isEqualTo(true);
    }

    @Test
    void aTimerRunsWithoutLockingItsProcessInstanceInATransactionOfItsOwnFirst() {
        ProcessInstance instance = runtime.startProcessInstanceByKey("engine-check", UUID.randomUUID().toString());
        assertThat(management.createTimerJobQuery().processInstanceId(instance.getId()).singleResult().isExclusive())
                .as("the engine arms every timer exclusive").isTrue();
        // qm.workflows.exclusive-timers is off: the timer's job runs non-exclusive. The async step after it
        // (engine-check's) stays exclusive, as BPMN says by default.
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        FlowableEventListener recordRuns = new AbstractFlowableEventListener() {
            @Override
            public void onEvent(FlowableEvent event) {
                if (((org.flowable.common.engine.api.delegate.event.FlowableEntityEvent) event).getEntity()
                        instanceof org.flowable.job.api.Job job && instance.getId().equals(job.getProcessInstanceId())) {
                    ran.add(job.getJobHandlerType() + (job.isExclusive() ? " exclusive" : " not exclusive"));
                }
            }

            @Override
            public boolean isFailOnException() {
                return false;
            }
        };
        runtime.addEventListener(recordRuns, FlowableEngineEventType.JOB_EXECUTION_SUCCESS);
        try {
            clock.advance(Duration.ofMinutes(61));

            awaitUpTo(Duration.ofSeconds(20), () -> ran.size() == 2);
            assertThat(ran).containsExactly("trigger-timer not exclusive", "async-continuation exclusive");
        } finally {
            runtime.removeEventListener(recordRuns);
        }
    }

    @Autowired
    org.flowable.engine.ProcessEngineConfiguration engine;

    @Test
    void jobsRunOnABoundedPoolOfTheEnginesOwn() {
        // Not the server's task executor (a virtual thread per job, no limit): a fixed pool whose queue
        // bounds what the engine acquires at once (application.yml, qm.workflows).
        var threads = ((org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl) engine).getAsyncExecutor()
                .getTaskExecutor();
        assertThat(threads).isInstanceOf(org.flowable.common.engine.impl.async.DefaultAsyncTaskExecutor.class);
        var pool = (org.flowable.common.engine.impl.async.DefaultAsyncTaskExecutor) threads;
        assertThat(pool.getMaxPoolSize()).isEqualTo(8);
        assertThat(pool.getCorePoolSize()).isEqualTo(8);
        assertThat(pool.getRemainingCapacity()).isBetween(1, 64);
    }

    @Test
    void timersDueTogetherWaitForRoomInTheJobQueueInsteadOfBeingRejected() {
        var executor = ((org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl) engine).getAsyncExecutor();
        assertThat(((org.flowable.job.service.impl.asyncexecutor.AbstractAsyncExecutor) executor).getTimerJobRunnable())
                .isInstanceOf(TimersWithinCapacity.class);
        AtomicInteger rejected = new AtomicInteger();
        FlowableEventListener countRejections = new AbstractFlowableEventListener() {
            @Override
            public void onEvent(FlowableEvent event) {
                rejected.incrementAndGet();
            }

            @Override
            public boolean isFailOnException() {
                return false;
            }
        };
        runtime.addEventListener(countRejections, FlowableEngineEventType.JOB_REJECTED);
        String batch = "together-" + UUID.randomUUID();
        List<String> instances = new ArrayList<>();
        try {
            // Five times the job queue (64), all due in the same instant.
            for (int i = 0; i < 320; i++) {
                instances.add(runtime.startProcessInstanceByKey("engine-check", batch + "-" + i).getId());
            }

            clock.advance(Duration.ofMinutes(61));

            awaitUpTo(Duration.ofSeconds(120), () -> tasks.createTaskQuery().processInstanceBusinessKeyLike(batch + "-%")
                    .count() == instances.size());
            assertThat(rejected).as("jobs the job threads' queue turned away").hasValue(0);
        } finally {
            runtime.removeEventListener(countRejections);
            instances.forEach(id -> runtime.deleteProcessInstance(id, "test over"));
        }
    }

    /** Waits for the engine's background executor to act (not for time to pass: the clock was moved). */
    private static void awaitUpTo(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the engine did not get there within " + limit);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
