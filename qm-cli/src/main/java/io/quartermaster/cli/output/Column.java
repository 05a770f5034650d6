package io.quartermaster.cli.output;

import java.util.function.Function;

/**
 * One column of a table: its header, how to get a row's cell, and what may happen to it when the table is
 * wider than the terminal.
 */
public record Column<T>(String header, Function<T, ?> cell, Fit fit) {

    /** How a column gives way in a narrow terminal. */
    public enum Fit {
        /** Always shown whole (states, numbers, ids without which a row cannot be named). */
        WHOLE,
        /** Shortened with "…" (names, descriptions), never below its header or a few characters. */
        SHORTEN,
        /** Left out first, before anything is shortened (ids of things that have names; JSON has them). */
        OPTIONAL
    }

    public static <T> Column<T> of(String header, Function<T, ?> cell) {
        return new Column<>(header, cell, Fit.WHOLE);
    }

    public static <T> Column<T> flexible(String header, Function<T, ?> cell) {
        return new Column<>(header, cell, Fit.SHORTEN);
    }

    public static <T> Column<T> optional(String header, Function<T, ?> cell) {
        return new Column<>(header, cell, Fit.OPTIONAL);
    }

    String text(T row) {
        Object value = cell.apply(row);
        return value == null ? "" : value.toString().replaceAll("\\s+", " ").strip();
    }
}
