package io.quartermaster.bench;

import java.util.Arrays;

/** Percentiles of a set of measured durations in nanoseconds. */
public record Latencies(long count, double p50Micros, double p99Micros, double maxMicros) {

    public static Latencies of(long[] nanos, int count) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return new Latencies(count, micros(sorted, 0.50), micros(sorted, 0.99),
                count == 0 ? 0 : sorted[count - 1] / 1000.0);
    }

    private static double micros(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }
}
