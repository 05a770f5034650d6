package io.quartermaster.api.machines;

/**
 * Where a machine is in its life. Only the lifecycle workflow moves a machine between states; people
 * ask through actions. {@code Rejected}, {@code Disposed} are final; {@code Failed} can be retried or
 * disposed.
 */
public enum MachineState {
    Requested,
    PendingApproval,
    Provisioning,
    Active,
    Expired,
    Rejected,
    Failed,
    Disposing,
    Disposed;

    /** True for states a machine never leaves. */
    public boolean isFinal() {
        return this == Rejected || this == Disposed;
    }
}
