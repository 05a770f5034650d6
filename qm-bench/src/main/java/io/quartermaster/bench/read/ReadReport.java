package io.quartermaster.bench.read;

import io.quartermaster.bench.Environment;
import io.quartermaster.bench.Latencies;
import java.util.Map;

/** The read API and memory section of BENCHMARKS.md. */
final class ReadReport {

    private ReadReport() {}

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> f, String command) {
        Map<String, Object> baseline = (Map<String, Object>) f.get("baseline");
        double s1 = 1000.0 / (double) baseline.get("s1Tps");
        Map<String, Object> before = (Map<String, Object>) f.get("memoryBefore");
        Map<String, Object> after = (Map<String, Object>) f.get("memoryAfter");
        StringBuilder md = new StringBuilder("## Read API and memory at scale\n\n").append(Environment.reproduce(command, f))
                .append(String.format("%n%n%,d Active machines of %,d owners on %,d hosts (a reservation each), in one "
                        + "tenant and group, seeded in %.0f s. The rows are copies, made in bulk inside PostgreSQL, of a "
                        + "host, reservation, owner, request and machine the server itself wrote (the machine's request, "
                        + "claim, name, timeline lines, audit events and process-instance row with it), with the columns an "
                        + "Active machine has set. The engine's other rows of a running lifecycle (timers, variables, "
                        + "history) are not copied, so the bytes per machine below are the server's own tables plus one "
                        + "execution row; the lifecycle section has bytes per whole life with all of the engine's. Reads are "
                        + "sequential, over HTTP, as the tenant administrator, after a warm-up; S1 is pgbench's single-client "
                        + "transaction time in this run (%.2f ms).%n%n", (int) f.get("machines"), (int) f.get("owners"),
                        (int) f.get("hosts"), (double) f.get("seedSeconds"), s1))
                .append("| read | p50 | p99 | max | p99 in S1 transactions | target |\n|---|---:|---:|---:|---:|---|\n")
                .append(row("`GET /api/v1/machines/{id}`, a random machine", (Latencies) f.get("oneMachine"), s1, "p99 ≤ 100 ms"))
                .append(row("`GET /api/v1/machines?state=Active&group=…&size=500&page=…` (pages 0–19)",
                        (Latencies) f.get("pageWithFilters"), s1, "p99 ≤ 500 ms"))
                .append(row("`GET /api/v1/machines?size=500`: the administrator's tenant-wide list",
                        (Latencies) f.get("adminList"), s1, "(as a page)"))
                .append(row("`GET /api/v1/machines/summary`: the administrator's summary report (machines by state, "
                        + "leases ending in 7 and 30 days)", (Latencies) f.get("summaryReport"), s1, "(as a page)"))
                .append(String.format("%n| memory | before seeding | after seeding and reading | per machine |%n"
                        + "|---|---:|---:|---:|%n"
                        + "| server heap after a full GC | %.1f MiB | %.1f MiB | %.0f B |%n"
                        + "| server process RSS | %.1f MiB | %.1f MiB | %.0f B |%n"
                        + "| database (the server's schema: tables, indexes, TOAST) | %.1f MiB | %.1f MiB | %.0f B |%n",
                        mib(before, "heapUsedBytes"), mib(after, "heapUsedBytes"), (double) f.get("heapBytesPerMachine"),
                        mib(before, "rssBytes"), mib(after, "rssBytes"), (double) f.get("rssBytesPerMachine"),
                        mib(before, "databaseBytes"), mib(after, "databaseBytes"), (double) f.get("databaseBytesPerMachine")))
                .append("\nThe server is this benchmark's process (its heap and RSS include the benchmark's small part); it ")
                .append("keeps no per-machine state in memory, so heap and RSS per machine are the noise of caches, ")
                .append("connection buffers and the JIT around a near-zero slope.\n");
        return md.toString();
    }

    private static String row(String what, Latencies l, double s1, String target) {
        return String.format("| %s | %.1f ms | %.1f ms | %.1f ms | %.0f | %s |%n", what, l.p50Micros() / 1000,
                l.p99Micros() / 1000, l.maxMicros() / 1000, l.p99Micros() / 1000 / s1, target);
    }

    private static double mib(Map<String, Object> memory, String key) {
        return ((Number) memory.get(key)).doubleValue() / (1024 * 1024);
    }
}
