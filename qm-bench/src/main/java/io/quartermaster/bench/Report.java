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
        if (json.getParent() != null) {
            Files.createDirectories(json.getParent());
        }
        Files.writeString(json, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(figures));
        replaceSection(name, section, false);
        replaceSection("summary", io.quartermaster.bench.suite.Summary.markdown(
                json.toAbsolutePath().getParent()), true);
    }

    /** Replaces the section between the name's markers; a new one goes at the end, or after the title. */
    private void replaceSection(String name, String section, boolean first) throws IOException {
        String start = "<!-- " + name + ":start -->";
        String end = "<!-- " + name + ":end -->";
        String block = start + "\n" + section.strip() + "\n" + end;
        String text = Files.exists(markdown) ? Files.readString(markdown)
                : "# Benchmarks\n\nFigures measured on demand, each with the command that reproduces it. They are not part"
                        + " of the test suite (only a short smoke run is).\n";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        int firstSection = text.indexOf("\n<!-- ");
        if (from >= 0 && to > from) {
            text = text.substring(0, from) + block + text.substring(to + end.length());
        } else if (first && firstSection >= 0) {
            text = text.substring(0, firstSection + 1) + block + "\n\n" + text.substring(firstSection + 1);
        } else {
            text = text.stripTrailing() + "\n\n" + block + "\n";
        }
        Files.writeString(markdown, text);
    }
}
