package io.quartermaster.bench.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One round of whole lives, driven the same way for the server and for raw Flowable: {@code machines}
 * requests from {@code threads} threads while as many agent workers answer every host step at once;
 * then the clock moved past the lease reminder, the lease end, the destruction warning and the
 * tombstone end in turn, each time waiting until every machine of the round got there. Timers fire on
 * the engine's own background executor, as in production.
 */
final class LifecycleRun {

    // The benchmark template: a 7-day lease reminded 3 days before its end (the server's default), a
    // 7-day tombstone with a warning 1 day before its end (the default).
    static final int LEASE_DAYS = 7;
    static final int REMINDER_DAYS_BEFORE = 3;
    static final int TOMBSTONE_DAYS = 7;
    static final int WARNING_DAYS_BEFORE = 1;

    /** Transitions of one life: Requested → Provisioning → Active → Expired → Disposing → Disposed. */
    static final int TRANSITIONS_PER_LIFE = 5;
    /** Host steps of one life: five to build, a power-off at lease end, the destruction. */
    static final int AGENT_STEPS_PER_LIFE = 7;

    private static final Duration DAY = Duration.ofDays(1);
    /** Past the moment a timer is due by more than the round's spread of start times. */
    private static final Duration MARGIN = Duration.ofHours(1);
    /** How long an agent worker that found nothing waits before it looks again: the dev agent's 200 ms. */
    private static final long IDLE_AGENT_MILLIS = 200;
    /** How often the benchmark looks whether every machine reached a milestone. */
    private static final long MILESTONE_CHECK_MILLIS = 50;

    /** A phase: move the clock, then wait until every machine reached the milestone. */
    record Phase(String name, Duration clockMove, Milestone milestone) {}

    static final List<Phase> PHASES = List.of(
            new Phase("request and build", Duration.ZERO, Milestone.ACTIVE),
            new Phase("lease reminder", DAY.multipliedBy(LEASE_DAYS - REMINDER_DAYS_BEFORE).plus(MARGIN), Milestone.REMINDED),
            new Phase("lease end", DAY.multipliedBy(REMINDER_DAYS_BEFORE), Milestone.EXPIRED),
            new Phase("destruction warning", DAY.multipliedBy(TOMBSTONE_DAYS - WARNING_DAYS_BEFORE).plus(MARGIN),
                    Milestone.WARNED),
            new Phase("tombstone end", DAY.multipliedBy(WARNING_DAYS_BEFORE), Milestone.DISPOSED));

    /**
     * What one round did. {@code idleAgentPolls} are the agent's looks that found nothing (on the server
     * each is a transaction of its own).
     */
    record Result(int machines, int threads, double seconds, Map<String, Double> phaseSeconds, long disposed,
            long transitions, long[] requestNanos, long agentSteps, long agentNanos, long idleAgentPolls,
            long agentErrors, String firstAgentError) {

        double lifecyclesPerSecond() {
            return machines / seconds;
        }

        double transitionsPerSecond() {
            return transitions / seconds;
        }
    }

    private LifecycleRun() {}

    static Result run(Lifecycles subject, int machines, int threads) throws InterruptedException {
        return run(subject, machines, threads, PHASES);
    }

    /** Only the given phases, in order (the first must be the request and build). */
    static Result run(Lifecycles subject, int machines, int threads, List<Phase> phases) throws InterruptedException {
        return run(subject, machines, new Load(threads, threads, 1), phases);
    }

    /**
     * How the round is driven: {@code requestThreads} threads ordering {@code perRequest} machines a
     * request, {@code agentWorkers} agent workers (the subject must have a host for each).
     */
    record Load(int requestThreads, int agentWorkers, int perRequest) {}

    static Result run(Lifecycles subject, int machines, Load load, List<Phase> phases) throws InterruptedException {
        int threads = load.requestThreads();
        Map<Milestone, Long> before = subject.milestones();
        long transitionsBefore = subject.transitions();
        Duration phaseTimeout = Duration.ofSeconds(60).plus(Duration.ofMillis(100L * machines));
        Agents agents = new Agents(subject, load.agentWorkers());
        Map<String, Double> phaseSeconds = new LinkedHashMap<>();
        long[] requestNanos = new long[(machines + load.perRequest() - 1) / load.perRequest()];
        try {
            for (Phase phase : phases) {
                long started = System.nanoTime();
                if (phase.milestone() == Milestone.ACTIVE) {
                    requestAll(subject, machines, load.perRequest(), requestNanos, threads);
                } else {
                    subject.clock().advance(phase.clockMove());
                }
                awaitMilestone(subject, phase, before.get(phase.milestone()) + machines, phaseTimeout);
                phaseSeconds.put(phase.name(), (System.nanoTime() - started) / 1e9);
            }
        } finally {
            agents.stop();
        }
        double seconds = phaseSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        long disposed = subject.milestones().get(Milestone.DISPOSED) - before.get(Milestone.DISPOSED);
        return new Result(machines, threads, seconds, phaseSeconds, disposed, subject.transitions() - transitionsBefore,
                requestNanos, agents.steps.get(), agents.busyNanos.get(), agents.idlePolls.get(), agents.errors.get(),
                agents.firstError.get());
    }

    /**
     * Asks for {@code machines} machines, {@code perRequest} a request (one request per slot of
     * {@code nanos}), from {@code threads} threads at once, noting how long each request took; any refusal
     * ends the round.
     */
    private static void requestAll(Lifecycles subject, int machines, int perRequest, long[] nanos, int threads)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> requesters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                requesters.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < nanos.length; i = next.getAndIncrement()) {
                        long started = System.nanoTime();
                        int count = Math.min(perRequest, machines - i * perRequest);
                        if (count == 1) {
                            subject.request();
                        } else {
                            subject.request(count);
                        }
                        nanos[i] = System.nanoTime() - started;
                    }
                    return null;
                }));
            }
            for (Future<?> requester : requesters) {
                requester.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("A request failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitMilestone(Lifecycles subject, Phase phase, long expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<Milestone, Long> reached = subject.milestones();
            if (reached.get(phase.milestone()) >= expected) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Phase '" + phase.name() + "' did not finish within " + timeout
                        + ": expected " + expected + " machines at " + phase.milestone() + ", reached " + reached);
            }
            Thread.sleep(MILESTONE_CHECK_MILLIS); // polling for work done by other threads, not waiting for time to pass
        }
    }

    /** The zero-latency agent: one worker per host, answering whatever waits, for the whole round. */
    private static final class Agents {
        final AtomicLong steps = new AtomicLong();
        /** Time spent in looks that found work, so per step: leasing and answering it. */
        final AtomicLong busyNanos = new AtomicLong();
        final AtomicLong idlePolls = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicReference<String> firstError = new AtomicReference<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> workers = new ArrayList<>();

        Agents(Lifecycles subject, int threads) {
            for (int w = 0; w < threads; w++) {
                int worker = w;
                workers.add(Thread.ofPlatform().name("bench-agent-" + w).start(() -> serve(subject, worker)));
            }
        }

        private void serve(Lifecycles subject, int worker) {
            while (running.get()) {
                try {
                    long started = System.nanoTime();
                    int answered = subject.answerAgentSteps(worker);
                    steps.addAndGet(answered);
                    if (answered > 0) {
                        busyNanos.addAndGet(System.nanoTime() - started);
                    } else {
                        idlePolls.incrementAndGet();
                        Thread.sleep(IDLE_AGENT_MILLIS);
                    }
                } catch (InterruptedException stopping) {
                    return;
                } catch (RuntimeException e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e.toString());
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread worker : workers) {
                worker.join();
            }
        }
    }
}
