package io.quartermaster.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One object as "Label: value" lines, labels aligned, for {@code show} commands in table format. */
public final class Details {

    private record Line(String label, String value, List<String> nested) {}

    private final List<Line> lines = new ArrayList<>();

    /** Adds a line; a null or empty value leaves it out. */
    public Details add(String label, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            lines.add(new Line(label, value.toString(), List.of()));
        }
        return this;
    }

    /** Adds a label with one indented line per item; an empty list leaves it out. */
    public Details list(String label, List<String> items) {
        if (!items.isEmpty()) {
            lines.add(new Line(label, "", List.copyOf(items)));
        }
        return this;
    }

    public Details map(String label, Map<String, String> values) {
        return list(label, values == null ? List.of() : values.entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue()).toList());
    }

    public String render() {
        int width = lines.stream().mapToInt(line -> line.label().length()).max().orElse(0) + 1;
        StringBuilder text = new StringBuilder();
        for (Line line : lines) {
            String label = line.label() + ":";
            text.append(line.value().isEmpty() ? label : label + " ".repeat(width - label.length() + 1) + line.value())
                    .append('\n');
            line.nested().forEach(item -> text.append("  ").append(item).append('\n'));
        }
        return text.toString();
    }
}
