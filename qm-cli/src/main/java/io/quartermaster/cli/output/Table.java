package io.quartermaster.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table with a header row, columns two spaces apart, fitted to a width: when it is too wide,
 * the widest flexible column is shortened first, never below its header or a few characters.
 */
public final class Table<T> {

    private static final String GAP = "  ";
    private static final int MIN_FLEXIBLE_WIDTH = 8;

    private final List<Column<T>> columns;

    @SafeVarargs
    public Table(Column<T>... columns) {
        this.columns = List.of(columns);
    }

    public String render(List<T> rows, int width) {
        List<String[]> cells = new ArrayList<>();
        cells.add(columns.stream().map(Column::header).toArray(String[]::new));
        for (T row : rows) {
            cells.add(columns.stream().map(column -> column.text(row)).toArray(String[]::new));
        }
        int[] widths = fit(naturalWidths(cells), width);
        StringBuilder text = new StringBuilder();
        for (String[] line : cells) {
            StringBuilder rendered = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                boolean last = i == line.length - 1;
                String cell = cut(line[i], widths[i]);
                rendered.append(last ? cell : pad(cell, widths[i]) + GAP);
            }
            text.append(rendered.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private int[] naturalWidths(List<String[]> cells) {
        int[] widths = new int[columns.size()];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        return widths;
    }

    private int[] fit(int[] natural, int width) {
        int[] widths = Arrays.copyOf(natural, natural.length);
        int excess = Arrays.stream(widths).sum() + GAP.length() * (widths.length - 1) - width;
        while (excess > 0) {
            int widest = -1;
            for (int i = 0; i < widths.length; i++) {
                if (columns.get(i).flexible() && widths[i] > minimum(i) && (widest < 0 || widths[i] > widths[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                break; // nothing left to shorten: the terminal wraps the rest
            }
            widths[widest]--;
            excess--;
        }
        return widths;
    }

    private int minimum(int column) {
        return Math.max(columns.get(column).header().length(), MIN_FLEXIBLE_WIDTH);
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, Math.max(0, width - 1)) + "…";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
