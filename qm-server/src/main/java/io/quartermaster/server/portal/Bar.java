package io.quartermaster.server.portal;

/**
 * One bar of a chart: how much of something is used, drawn as a filled share of a track. {@code level}
 * names the colour ({@code ok}, {@code warning}, {@code critical}, {@code full}, or a state's name);
 * {@code text} says the same in words, for the label beside it and for screen readers.
 */
public record Bar(String label, long value, long max, String level, String text) {

    /** The filled share, 0 to 100, at least a sliver when anything is used so small values stay visible. */
    public double percent() {
        if (max <= 0 || value <= 0) {
            return 0;
        }
        return Math.max(1.5, Math.min(100, 100.0 * value / max));
    }

    public static Bar of(String label, long value, long max, String level, String unit) {
        return new Bar(label, value, max, level, value + " of " + max + (unit.isEmpty() ? "" : " " + unit));
    }
}
