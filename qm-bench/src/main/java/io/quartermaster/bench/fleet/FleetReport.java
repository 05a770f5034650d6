package io.quartermaster.bench.fleet;

import io.quartermaster.bench.Environment;
import io.quartermaster.bench.Latencies;
import java.util.List;
import java.util.Map;

/** The fleet section of BENCHMARKS.md. */
final class FleetReport {

    private FleetReport() {}

    /** The idle CPU cell: share of a core, with the JIT compiler's part when the run measured it. */
    private static String cpu(Map<String, Object> idle) {
        String share = String.format("%.1f%% of a core", 100 * (double) idle.get("idleServerCpuShareOfOneCore"));
        Object jit = idle.get("idleJitShareOfOneCore");
        return jit == null ? share : share + String.format(" (JIT %.1f%%)", 100 * (double) jit);
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> f, String command) {
        Map<String, Object> baseline = (Map<String, Object>) f.get("baseline");
        double s1Millis = 1000.0 / (double) baseline.get("s1Tps");
        StringBuilder md = new StringBuilder("## Agent fleet\n\n").append(Environment.reproduce(command, f))
                .append("\n\nOne server node (the benchmark's process, on PostgreSQL) and simulated agents in other ")
                .append("processes, one virtual thread each, speaking the agent protocol over HTTP as qm-agent does ")
                .append("(registered in bulk, rows as the server's registration writes them): long-polls of ").append(f.get("pollWait"))
                .append(" (the server counts a waiting poll as the primary's heartbeat), a look at the inventory every ")
                .append(f.get("inventoryInterval")).append(" that is reported when it changed or when the server's last answer ")
                .append("asks for a report (`reportWithinMillis`, less a random quarter), every task answered with success at ")
                .append("once; each agent's first poll and first report come after a random part of their cadence, as in ")
                .append("a fleet whose agents started at different times. One host per agent, each with a reservation of ")
                .append("the benchmark's group. The fleet grows from the first size to the next. Server settings: `")
                .append(String.join(" ", (List<String>) f.get("serverSettings"))).append("`.\n\n")
                .append("| agents (started) | dispatch p50 | dispatch p99 | request to Active p50 | p99 | in S1 transactions (p50) ")
                .append("| idle server CPU | idle commits/s | idle rows written/s | idle polls/s | idle reports/s |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, Object> alone = (Map<String, Object>) f.get("withoutAgents");
        if (alone != null) {
            md.append(String.format("| 0 (no agent: the server's own floor) | – | – | – | – | – | %s | %.0f | %.0f | 0 | 0 |%n",
                    cpu(alone), (double) alone.get("idleCommitsPerSecond"),
                    (double) alone.get("idleRowsWrittenPerSecond")));
        }
        for (Map<String, Object> stage : (List<Map<String, Object>>) f.get("stages")) {
            Latencies dispatch = (Latencies) stage.get("dispatch");
            Latencies active = (Latencies) stage.get("requestToActive");
            md.append(String.format("| %d (%d) | %.1f ms | %.1f ms | %.0f ms | %.0f ms | %.0f | %s | %.0f | %s | %.0f | %.0f |%n",
                    (int) stage.get("agents"), ((Number) stage.get("agentsStarted")).longValue(), dispatch.p50Micros() / 1000, dispatch.p99Micros() / 1000,
                    active.p50Micros() / 1000, active.p99Micros() / 1000, active.p50Micros() / 1000 / s1Millis,
                    cpu(stage), (double) stage.get("idleCommitsPerSecond"),
                    stage.get("idleRowsWrittenPerSecond") == null ? "–"
                            : String.format("%.0f", (double) stage.get("idleRowsWrittenPerSecond")),
                    (double) stage.get("idlePollsPerSecond"), (double) stage.get("idleReportsPerSecond")));
        }
        md.append(String.format("%nDispatch is from a task's row being written (`agent_tasks.created_at`, the server's "
                + "clock) to its agent having it (the agent process's clock; both the same machine's). Request to Active "
                + "is from the request being sent to the machine's `provisioned_at`: five host steps, each queued and "
                + "answered at once over HTTP (the first long-polled, each next one handed over in the answer to the "
                + "step before it, `takeNext`), with every request made when the one before "
                + "was Active, after a few unmeasured requests at each size (`--warmup-requests`) for the JIT. S1 is pgbench's single-client transaction time in this run (%.2f ms). Idle figures are "
                + "over %s with nothing requested: the server's process CPU time (the agents run in other processes; "
                + "in brackets, how much of it the JIT compiler spent, as the JVM counts it), "
                + "PostgreSQL's `xact_commit` for the benchmark database (every transaction there, other benchmarks' "
                + "sharing it included) and the rows this server's schema had inserted, updated or deleted.%n", s1Millis,
                "the idle window"));
        return md.toString();
    }
}
