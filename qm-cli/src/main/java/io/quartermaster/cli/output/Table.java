package io.quartermaster.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with a header row, columns two spaces apart, fitted to a width: when it is too wide,
 * optional columns are left out (rightmost first), then the widest shortenable column is shortened, one
 * character at a time, never below its header or a few characters. What still does not fit wraps.
 */
public final class Table<T> {

    private static final String GAP = "  ";
    private static final int MIN_SHORTENED_WIDTH = 8;

    private final List<Column<T>> columns;

    @SafeVarargs
    public Table(Column<T>... columns) {
        this.columns = List.of(columns);
    }

    public String render(List<T> rows, int width) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns.stream().map(Column::header).toList());
        for (T row : rows) {
            cells.add(columns.stream().map(column -> column.text(row)).toList());
        }
        int[] widths = naturalWidths(cells);
        boolean[] shown = leaveOutOptional(widths, width);
        shorten(widths, shown, width);
        StringBuilder text = new StringBuilder();
        for (List<String> line : cells) {
            StringBuilder rendered = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                if (shown[i]) {
                    String cell = cut(line.get(i), widths[i]);
                    rendered.append(cell).append(" ".repeat(widths[i] - cell.length())).append(GAP);
                }
            }
            text.append(rendered.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private int[] naturalWidths(List<List<String>> cells) {
        int[] widths = new int[columns.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        return widths;
    }

    private boolean[] leaveOutOptional(int[] widths, int width) {
        boolean[] shown = new boolean[widths.length];
        java.util.Arrays.fill(shown, true);
        for (int i = widths.length - 1; i >= 0 && total(widths, shown) > width; i--) {
            if (columns.get(i).fit() == Column.Fit.OPTIONAL) {
                shown[i] = false;
            }
        }
        return shown;
    }

    private void shorten(int[] widths, boolean[] shown, int width) {
        int excess = total(widths, shown) - width;
        while (excess > 0) {
            int widest = -1;
            for (int i = 0; i < widths.length; i++) {
                if (shown[i] && columns.get(i).fit() == Column.Fit.SHORTEN && widths[i] > minimum(i)
                        && (widest < 0 || widths[i] > widths[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                return;
            }
            widths[widest]--;
            excess--;
        }
    }

    private static int total(int[] widths, boolean[] shown) {
        int total = 0;
        int count = 0;
        for (int i = 0; i < widths.length; i++) {
            if (shown[i]) {
                total += widths[i];
                count++;
            }
        }
        return total + GAP.length() * Math.max(0, count - 1);
    }

    private int minimum(int column) {
        return Math.max(columns.get(column).header().length(), MIN_SHORTENED_WIDTH);
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, Math.max(0, width - 1)) + "…";
    }
}
