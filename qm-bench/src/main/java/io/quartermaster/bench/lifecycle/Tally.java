package io.quartermaster.bench.lifecycle;

import io.quartermaster.bench.Latencies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the measured rounds of one subject add up to, and the figures written for it. */
final class Tally {

    final String name;
    final Lifecycles subject;
    /** Commits per second while nothing is asked of the subject (its engine's job executor polling). */
    double idleCommitsPerSecond;

    private int machines;
    private double seconds;
    private final Map<String, Double> phaseSeconds = new LinkedHashMap<>();
    private long disposed;
    private long transitions;
    private final List<long[]> requestNanos = new ArrayList<>();
    private long agentSteps;
    private long agentNanos;
    private long idleAgentPolls;
    private long agentErrors;
    private String firstAgentError;
    private double commits;
    private final Map<String, Long> statementCalls = new LinkedHashMap<>();

    Tally(String name, Lifecycles subject) {
        this.name = name;
        this.subject = subject;
    }

    void add(LifecycleRun.Result round, double roundCommits, List<DatabaseCounters.Calls> roundStatements) {
        machines += round.machines();
        seconds += round.seconds();
        round.phaseSeconds().forEach((phase, s) -> phaseSeconds.merge(phase, s, Double::sum));
        disposed += round.disposed();
        transitions += round.transitions();
        requestNanos.add(round.requestNanos());
        agentSteps += round.agentSteps();
        agentNanos += round.agentNanos();
        idleAgentPolls += round.idleAgentPolls();
        agentErrors += round.agentErrors();
        if (firstAgentError == null) {
            firstAgentError = round.firstAgentError();
        }
        commits += roundCommits;
        roundStatements.forEach(calls -> statementCalls.merge(calls.query(), calls.calls(), Long::sum));
        System.out.printf("%s, %d machines: %.1f lifecycles/s, %.2f commits per transition, phases %s%n", name,
                round.machines(), round.lifecyclesPerSecond(), roundCommits / round.transitions(), round.phaseSeconds());
    }

    double lifecyclesPerSecond() {
        return machines / seconds;
    }

    Map<String, Object> figures(boolean statementsCounted) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("lifecyclesPerSecond", lifecyclesPerSecond());
        f.put("transitionsPerSecond", transitions / seconds);
        f.put("seconds", seconds);
        f.put("phaseSeconds", phaseSeconds);
        f.put("disposed", disposed);
        f.put("transitions", transitions);
        long[] requests = requestNanos.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        f.put("requestLatency", Latencies.of(requests, requests.length));
        f.put("agentSteps", agentSteps);
        f.put("agentStepMillis", agentNanos / 1e6 / agentSteps);
        f.put("idleAgentPolls", idleAgentPolls);
        f.put("agentErrors", agentErrors);
        f.put("firstAgentError", firstAgentError);
        f.put("commits", Math.round(commits));
        f.put("commitsPerTransition", commits / transitions);
        f.put("commitsPerLifecycle", commits / machines);
        f.put("idleCommitsPerSecond", idleCommitsPerSecond);
        if (statementsCounted) {
            long statementCount = statementCalls.entrySet().stream()
                    .filter(entry -> !LifecycleReport.isTransactionControl(entry.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            f.put("statementsPerTransition", (double) statementCount / transitions);
            f.put("statementsPerLifecycle", (double) statementCount / machines);
            List<Map<String, Object>> statements = new ArrayList<>();
            statementCalls.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(entry -> statements.add(Map.of("perLifecycle", (double) entry.getValue() / machines,
                            "query", entry.getKey())));
            f.put("statements", statements);
        }
        return f;
    }
}
