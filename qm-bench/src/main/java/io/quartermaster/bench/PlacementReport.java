package io.quartermaster.bench;

import java.util.List;
import java.util.Map;

/** The placement section of BENCHMARKS.md. */
final class PlacementReport {

    private PlacementReport() {}

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> f, String command) {
        Map<String, Object> fleet = (Map<String, Object>) f.get("fleet");
        Map<String, Object> machine = (Map<String, Object>) f.get("machine");
        Latencies typical = (Latencies) f.get("inMemoryTypical");
        Latencies worst = (Latencies) f.get("inMemoryOneGroupOnEveryHost");
        int reservations = (int) fleet.get("reservations");
        int groups = (int) fleet.get("groups");
        StringBuilder md = new StringBuilder();
        md.append("## Placement\n\n")
                .append("Reproduce with `").append(command).append("` (PostgreSQL from `scripts/ensure-postgres.sh`). ")
                .append("Measured ").append(f.get("when")).append(" on ").append(machine.get("cores")).append(" cores, ")
                .append(machine.get("java")).append("; ").append(shortVersion((String) f.get("database"))).append(".\n\n")
                .append("Fleet: ").append(fleet.get("hosts")).append(" hosts, ").append(reservations)
                .append(" reservations, ").append(groups).append(" groups.\n\n")
                .append("| in-memory decision | candidates | p50 | p99 | max |\n|---|---:|---:|---:|---:|\n")
                .append(row("a typical group", reservations / groups, typical))
                .append(row("one group with a reservation on every host", reservations, worst))
                .append("\n| committed placements | threads | placements/s | baseline commits/s | ratio | p50 | p99 | commits per placement |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> run : (List<Map<String, Object>>) f.get("committed")) {
            Latencies latency = (Latencies) run.get("placementLatency");
            md.append(String.format("| place and claim, one transaction each | %d | %.0f | %.0f | %.2f | %.2f ms | %.2f ms | %s |%n",
                    run.get("threads"), run.get("placementsPerSecond"), run.get("baselineCommitsPerSecond"),
                    run.get("ratioToBaseline"), latency.p50Micros() / 1000, latency.p99Micros() / 1000,
                    run.containsKey("commitsPerPlacement") ? String.format("%.2f", run.get("commitsPerPlacement")) : "n/a"));
        }
        md.append("\nThe baseline is a one-row `UPDATE … SET n = n + 1` committed on its own, by the same number of ")
                .append("threads through the same connection pool, for the same time, in the same run: what this ")
                .append("database commits per second at best. A placement reads the group's candidate reservations ")
                .append("(the group's placement policy is cached for a few seconds), decides in memory, takes the ")
                .append("claim with a conditional `UPDATE` and inserts the claim row, all in one transaction: three ")
                .append("statements and one commit against the baseline's one and ")
                .append("one, with the server, this benchmark and PostgreSQL sharing the machine's cores. Commits ")
                .append("per placement come from PostgreSQL's own counters.\n");
        return md.toString();
    }

    private static String row(String what, int candidates, Latencies l) {
        return String.format("| %s | %d | %.1f µs | %.1f µs | %.1f µs |%n", what, candidates, l.p50Micros(), l.p99Micros(),
                l.maxMicros());
    }

    private static String shortVersion(String version) {
        if (version == null) {
            return "unknown database";
        }
        int comma = version.indexOf(',');
        return comma > 0 ? version.substring(0, comma) : "H2 " + version;
    }
}
