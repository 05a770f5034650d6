package io.quartermaster.cli.output;

import java.util.function.Function;

/**
 * One column of a table: its header and how to get a row's cell. A {@code flexible} column (names,
 * descriptions) is shortened with "…" when the table is wider than the terminal; the others (ids, states)
 * are always shown whole, since a cut id is of no use.
 */
public record Column<T>(String header, Function<T, ?> cell, boolean flexible) {

    public static <T> Column<T> of(String header, Function<T, ?> cell) {
        return new Column<>(header, cell, false);
    }

    public static <T> Column<T> flexible(String header, Function<T, ?> cell) {
        return new Column<>(header, cell, true);
    }

    String text(T row) {
        Object value = cell.apply(row);
        return value == null ? "" : value.toString().replaceAll("\\s+", " ").strip();
    }
}
