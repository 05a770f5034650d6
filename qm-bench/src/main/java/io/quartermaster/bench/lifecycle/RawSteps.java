package io.quartermaster.bench.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.flowable.common.engine.impl.context.Context;
import org.flowable.common.engine.impl.interceptor.CommandContext;
import org.flowable.common.engine.impl.interceptor.CommandContextCloseListener;
import org.flowable.engine.delegate.DelegateExecution;

/**
 * The steps of the raw processes under {@code raw-flowable/} (bean {@code rawSteps}): empty, apart
 * from what the process needs to take the same path as the server's — the dates its timers fall due
 * at, kept as process variables where the server keeps them on the machine row — and counting what
 * committed. A receive task that stands for a host step puts its execution in {@link #waiting} once
 * the transaction that reached it commits, as the server's task row becomes visible to agents then.
 */
public final class RawSteps {

    private static final Duration DAY = Duration.ofDays(1);

    private final Clock clock;
    private final Queue<String> waiting = new ConcurrentLinkedQueue<>();
    private final Map<Milestone, AtomicLong> milestones = new EnumMap<>(Milestone.class);
    private final AtomicLong transitions = new AtomicLong();

    RawSteps(Clock clock) {
        this.clock = clock;
        for (Milestone milestone : Milestone.values()) {
            milestones.put(milestone, new AtomicLong());
        }
    }

    /** Executions waiting in a receive task for the driver's trigger, oldest first. */
    Queue<String> waiting() {
        return waiting;
    }

    Map<Milestone, Long> milestones() {
        Map<Milestone, Long> counts = new EnumMap<>(Milestone.class);
        milestones.forEach((milestone, count) -> counts.put(milestone, count.get()));
        return counts;
    }

    long transitions() {
        return transitions.get();
    }

    // Called from the BPMN.

    public void step(DelegateExecution execution) {
        // An empty step.
    }

    /** Start listener of every receive task that stands for a host step. */
    public void waitForAgent(DelegateExecution execution) {
        String id = execution.getId();
        afterCommit(() -> waiting.add(id));
    }

    public void requested(DelegateExecution execution) {
        execution.setVariable("needsApproval", false);
        execution.setVariable("groupId", "bench");
    }

    /** A state change, as the server's {@code Transitions} writes one. */
    public void transition(DelegateExecution execution) {
        afterCommit(transitions::incrementAndGet);
    }

    public void activate(DelegateExecution execution) {
        execution.setVariable("leaseEnd", Date.from(now().plus(DAY.multipliedBy(LifecycleRun.LEASE_DAYS))));
        execution.setVariable("reminded", false);
        transition(execution);
        reached(Milestone.ACTIVE);
    }

    public void remind(DelegateExecution execution) {
        execution.setVariable("reminded", true);
        reached(Milestone.REMINDED);
    }

    public void expire(DelegateExecution execution) {
        execution.setVariable("tombstoneEnd", Date.from(now().plus(DAY.multipliedBy(LifecycleRun.TOMBSTONE_DAYS))));
        execution.setVariable("warned", false);
        transition(execution);
        reached(Milestone.EXPIRED);
    }

    public void warnDestroy(DelegateExecution execution) {
        execution.setVariable("warned", true);
        reached(Milestone.WARNED);
    }

    public void disposed(DelegateExecution execution) {
        transition(execution);
        reached(Milestone.DISPOSED);
    }

    public boolean reminderPending(DelegateExecution execution) {
        return !(Boolean) execution.getVariable("reminded");
    }

    public Date reminderAt(DelegateExecution execution) {
        return minusDays((Date) execution.getVariable("leaseEnd"), LifecycleRun.REMINDER_DAYS_BEFORE);
    }

    public Date leaseEnd(DelegateExecution execution) {
        return (Date) execution.getVariable("leaseEnd");
    }

    /** A reminder that fired only after the lease ended leads straight to the expiry, as the server's. */
    public boolean leaseOver(DelegateExecution execution) {
        return !leaseEnd(execution).toInstant().isAfter(now());
    }

    public boolean destroyWarningPending(DelegateExecution execution) {
        return !(Boolean) execution.getVariable("warned");
    }

    public Date destroyWarningAt(DelegateExecution execution) {
        return minusDays((Date) execution.getVariable("tombstoneEnd"), LifecycleRun.WARNING_DAYS_BEFORE);
    }

    public Date tombstoneEnd(DelegateExecution execution) {
        return (Date) execution.getVariable("tombstoneEnd");
    }

    /** A warning that fired only after the tombstone ended leads straight to the disposal, as the server's. */
    public boolean tombstoneOver(DelegateExecution execution) {
        return !tombstoneEnd(execution).toInstant().isAfter(now());
    }

    public Date approvalDeadline(DelegateExecution execution) {
        return Date.from(now().plus(DAY.multipliedBy(7)));
    }

    private void reached(Milestone milestone) {
        afterCommit(milestones.get(milestone)::incrementAndGet);
    }

    private Instant now() {
        return clock.instant();
    }

    private static Date minusDays(Date date, int days) {
        return Date.from(date.toInstant().minus(DAY.multipliedBy(days)));
    }

    /**
     * Runs {@code action} once the engine's command has committed. Not a transaction listener: a
     * standalone engine runs those in a command of their own, on a second connection taken while the
     * first is still held, which starves the pool when many jobs run at once.
     */
    private static void afterCommit(Runnable action) {
        Context.getCommandContext().addCloseListener(new CommandContextCloseListener() {
            @Override
            public void closing(CommandContext context) {}

            @Override
            public void afterSessionsFlush(CommandContext context) {}

            @Override
            public void closed(CommandContext context) {
                action.run();
            }

            @Override
            public void closeFailure(CommandContext context) {}

            @Override
            public Integer order() {
                return 100;
            }

            @Override
            public boolean multipleAllowed() {
                return true;
            }
        });
    }
}
