package io.quartermaster.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The summary at the top of BENCHMARKS.md: every target of every benchmark whose raw figures are in the
 * results directory, with its figure, baseline, ratio and whether it was met, and when it was measured.
 */
public final class Summary {

    private Summary() {}

    public static String markdown(Path resultsDir) throws IOException {
        List<String> rows = new ArrayList<>();
        if (Files.isDirectory(resultsDir)) {
            try (Stream<Path> files = Files.list(resultsDir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    JsonNode figures = JsonMapper.builder().build().readTree(Files.readString(file));
                    String benchmark = file.getFileName().toString().replace(".json", "");
                    String when = figures.path("when").asString("");
                    for (JsonNode target : figures.path("targets")) {
                        rows.add(row(benchmark, when, target));
                    }
                }
            }
        }
        StringBuilder md = new StringBuilder("## Summary: targets\n\n")
                .append("Every figure next to the baseline measured in the same run, their ratio, and the issue's ")
                .append("target. Each benchmark's own section below says how it was measured and, where a target is ")
                .append("missed, what holds it back. `./quartermaster bench` runs them all.\n\n")
                .append("| benchmark | figure | value | baseline | ratio | target | met | measured |\n")
                .append("|---|---|---:|---|---:|---|---|---|\n");
        rows.forEach(md::append);
        return md.toString();
    }

    private static String row(String benchmark, String when, JsonNode t) {
        return "| " + benchmark + " | " + t.path("what").asString() + " | " + number(t.path("figure").asDouble()) + " "
                + t.path("unit").asString() + " | " + t.path("baseline").asString() + " "
                + number(t.path("baselineValue").asDouble()) + " | " + number(t.path("ratio").asDouble()) + " | "
                + t.path("target").asString() + " | " + (t.path("met").asBoolean() ? "yes" : "**no**") + " | "
                + (when.length() >= 16 ? when.substring(0, 16).replace('T', ' ') : when) + " |\n";
    }

    static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format("%.0f", value);
        }
        if (magnitude >= 1) {
            return String.format("%.2f", value);
        }
        return String.format("%.3g", value);
    }
}
