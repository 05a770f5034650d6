package io.quartermaster.api.machines;

/** Whether the machine runs: {@code Off} while it is built, powered off, expired or gone. */
public enum PowerState {
    On,
    Off
}
