package io.quartermaster.api.capacity;

/**
 * Whether a host takes new machines. {@code MAINTENANCE} and {@code DISABLED} hosts take none;
 * machines already on them stay.
 */
public enum HostState {
    ENABLED,
    MAINTENANCE,
    DISABLED
}
