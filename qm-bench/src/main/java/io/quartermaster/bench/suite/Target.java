package io.quartermaster.bench.suite;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One figure of a benchmark held against its target: the figure, the baseline measured in the same run
 * and their ratio, and whether the target (a bound on the ratio or, where the issue sets one, on the
 * figure itself) was met. Written into each benchmark's JSON under {@code targets}; the suite's summary
 * table is made of them.
 */
public record Target(String what, double figure, String unit, String baseline, double baselineValue, double ratio,
        String target, boolean met) {

    public Map<String, Object> figures() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("what", what);
        map.put("figure", figure);
        map.put("unit", unit);
        map.put("baseline", baseline);
        map.put("baselineValue", baselineValue);
        map.put("ratio", ratio);
        map.put("target", target);
        map.put("met", met);
        return map;
    }
}
