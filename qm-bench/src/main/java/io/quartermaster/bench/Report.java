package io.quartermaster.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a benchmark's section into BENCHMARKS.md (between {@code <!-- name:start -->} and
 * {@code <!-- name:end -->}, so other benchmarks' sections stay) and its raw figures as JSON.
 */
public final class Report {

    private final Path markdown;
    private final Path json;

    public Report(Path markdown, Path json) {
        this.markdown = markdown;
        this.json = json;
    }

    public void write(String name, Map<String, Object> figures, String section) throws IOException {
        String start = "<!-- " + name + ":start -->";
        String end = "<!-- " + name + ":end -->";
        String block = start + "\n" + section.strip() + "\n" + end;
        String text = Files.exists(markdown) ? Files.readString(markdown)
                : "# Benchmarks\n\nFigures measured on demand, each with the command that reproduces it. They are not part"
                        + " of the test suite (only a short smoke run is).\n";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        text = from >= 0 && to > from ? text.substring(0, from) + block + text.substring(to + end.length())
                : text.stripTrailing() + "\n\n" + block + "\n";
        Files.writeString(markdown, text);
        if (json.getParent() != null) {
            Files.createDirectories(json.getParent());
        }
        Files.writeString(json, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(figures));
    }
}
