package io.quartermaster.api.capacity;

/**
 * How full something is against its thresholds: {@code OK} below the warning threshold,
 * {@code WARNING} and {@code CRITICAL} at or above theirs, {@code FULL} when nothing more fits.
 */
public enum AlertState {
    OK,
    WARNING,
    CRITICAL,
    FULL
}
